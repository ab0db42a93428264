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

    String detail() {
        String detail = getBody().getDetail();
        return detail != null ? detail : getStatusCode().toString();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
