package io.learnscale.support;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of each service's {@code @RestControllerAdvice}: every framework error becomes problem+json with a
 * stable type, the request id and the instance; anything unexpected becomes a 500 that names no internals.
 */
public abstract class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** A problem with a stable type; the caller's request id is added on the way out. */
    protected static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(type));
        return problem;
    }

    /** Answers with a problem built by a subclass, decorated like every other. */
    protected ResponseEntity<Object> respond(
            Exception ex, ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error", ex);
        ProblemDetail problem = problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred; quote the request id.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields.");
        problem.setProperty(
                "errors",
                ex.getBindingResult().getFieldErrors().stream()
                        .map(ProblemAdvice::fieldError)
                        .toList());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static FieldErrorView fieldError(FieldError error) {
        return new FieldErrorView(error.getField(), error.getDefaultMessage());
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    static void decorate(ProblemDetail problem, HttpStatusCode status, WebRequest request) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemTypes.forStatus(status.value()));
        }
        if (request instanceof NativeWebRequest web && web.getNativeRequest() instanceof HttpServletRequest servlet) {
            problem.setInstance(java.net.URI.create(servlet.getRequestURI()));
            if (servlet.getAttribute(RequestIds.ATTRIBUTE) instanceof String id) {
                problem.setProperty("requestId", id);
            }
        }
    }

    /** One invalid field in a 400 problem. */
    public record FieldErrorView(String field, @Nullable String message) {}
}
