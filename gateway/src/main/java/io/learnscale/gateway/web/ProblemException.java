package io.learnscale.gateway.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error the gateway answers itself, worded where it is raised (an open circuit, a timeout, a body too large):
 * {@link GatewayProblems} turns it into problem+json with its status, its detail and its headers, adding the
 * stable {@code type} and the request id. Raised on hot paths (every call an open circuit rejects), so it carries
 * no stack trace.
 */
public final class ProblemException extends ErrorResponseException {

    private ProblemException(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** A problem with this status and this human-readable detail (never internals: it goes to the client). */
    public static ProblemException of(HttpStatus status, String detail) {
        return new ProblemException(status, detail);
    }

    /** Sends {@code Retry-After} in whole seconds, at least one. */
    public ProblemException retryAfter(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return this;
    }

    /**
     * A stable type of its own instead of the status's ({@code urn:learnscale:problem:<name>}), for a problem
     * clients tell apart from others of the same status: {@code invalid-request} for a 400 with field errors.
     */
    public ProblemException type(String name) {
        getBody().setType(ProblemTypes.of(name));
        return this;
    }

    /** An extension member of the problem, e.g. {@code errors} with the invalid fields. */
    public ProblemException property(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    /** Sends this header with the problem ({@code WWW-Authenticate} with a 401). */
    public ProblemException header(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    String detail() {
        String detail = getBody().getDetail();
        return detail != null ? detail : getStatusCode().toString();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
