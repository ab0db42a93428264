package io.learnscale.content.topic;

import io.learnscale.support.ProblemAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** Maps content-service's exceptions to problem+json. */
@RestControllerAdvice
class TopicProblems extends ProblemAdvice {

    @ExceptionHandler
    ResponseEntity<Object> notFound(TopicNotFoundException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.NOT_FOUND, "topic-not-found", ex.getMessage()), new HttpHeaders(), request);
    }
}
