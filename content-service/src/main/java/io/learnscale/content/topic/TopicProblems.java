package io.learnscale.content.topic;

import io.learnscale.support.ProblemAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** Maps content-service's exceptions to problem+json (the framework's own come from {@link ProblemAdvice}). */
@RestControllerAdvice
class TopicProblems extends ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(TopicProblems.class);

    @ExceptionHandler
    ResponseEntity<Object> notFound(TopicNotFoundException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.NOT_FOUND, "topic-not-found", ex.getMessage()), new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> duplicate(DuplicateTopicException ex, WebRequest request) {
        return respond(ex, problem(HttpStatus.CONFLICT, "topic-exists", ex.getMessage()), new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> stale(StaleTopicException ex, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", ex.getMessage());
        problem.setProperty("currentVersion", ex.currentVersion());
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(EntityTags.of(ex.currentVersion()));
        return respond(ex, problem, headers, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> preconditionRequired(PreconditionRequiredException ex, WebRequest request) {
        return respond(
                ex,
                problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", ex.getMessage()),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalid(InvalidTopicException ex, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage());
        problem.setProperty("errors", ex.errors());
        return respond(ex, problem, new HttpHeaders(), request);
    }

    /** PostgreSQL unreachable or overloaded: say so, and when to come back, instead of a 500. */
    // PostgreSQL gone around a transaction: no connection to begin it, or a broken one that cannot roll it back
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class,
        TransactionSystemException.class
    })
    ResponseEntity<Object> databaseUnavailable(RuntimeException ex, WebRequest request) {
        log.warn("Database unavailable: {}", ex.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(
                ex,
                problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "The database is unavailable; retry shortly."),
                headers,
                request);
    }
}
