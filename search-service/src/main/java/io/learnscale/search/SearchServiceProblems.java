package io.learnscale.search;

import io.learnscale.search.analytics.RebuildRunningException;
import io.learnscale.search.index.IndexNotReadyException;
import io.learnscale.search.index.InvalidQueryException;
import io.learnscale.support.ProblemAdvice;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** Maps search-service's exceptions to problem+json. */
@RestControllerAdvice
class SearchServiceProblems extends ProblemAdvice {

    @ExceptionHandler
    ResponseEntity<Object> invalidQuery(InvalidQueryException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.BAD_REQUEST, "invalid-query", ex.getMessage()), new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> indexNotReady(IndexNotReadyException ex, WebRequest request) {
        return respond(
                ex,
                problem(HttpStatus.SERVICE_UNAVAILABLE, "search-index-not-ready", ex.getMessage()),
                retryAfter("2"),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> rebuildRunning(RebuildRunningException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.CONFLICT, "rebuild-running", ex.getMessage()), new HttpHeaders(), request);
    }

    /** Redis refused, dropped or timed out: the aggregates are unavailable, not broken. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<Object> redisDown(DataAccessException ex, WebRequest request) {
        return respond(
                ex,
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "analytics-unavailable",
                        "Analytics are unavailable right now."),
                retryAfter("5"),
                request);
    }

    private static HttpHeaders retryAfter(String seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, seconds);
        return headers;
    }
}
