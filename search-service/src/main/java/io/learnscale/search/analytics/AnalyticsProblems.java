package io.learnscale.search.analytics;

import io.learnscale.support.ProblemAdvice;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** Maps search-service's exceptions to problem+json. */
@RestControllerAdvice
class AnalyticsProblems extends ProblemAdvice {

    @ExceptionHandler
    ResponseEntity<Object> redisDown(DataAccessResourceFailureException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(
                ex,
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "analytics-unavailable",
                        "Analytics are unavailable right now."),
                headers,
                request);
    }
}
