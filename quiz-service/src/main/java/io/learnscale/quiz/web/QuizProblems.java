package io.learnscale.quiz.web;

import io.learnscale.quiz.attempt.AttemptNotRecordedException;
import io.learnscale.quiz.attempt.InvalidAttemptException;
import io.learnscale.quiz.quiz.QuizNotFoundException;
import io.learnscale.support.ProblemAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** Maps quiz-service's exceptions to problem+json. */
@RestControllerAdvice
class QuizProblems extends ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(QuizProblems.class);

    @ExceptionHandler
    ResponseEntity<Object> quizNotFound(QuizNotFoundException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.NOT_FOUND, "quiz-not-found", ex.getMessage()), new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidAttempt(InvalidAttemptException ex, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-attempt", ex.getMessage());
        problem.setProperty("unknownQuestions", ex.unknownQuestions());
        problem.setProperty("unansweredQuestions", ex.unansweredQuestions());
        problem.setProperty("unknownChoices", ex.unknownChoices());
        return respond(ex, problem, new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> notRecorded(AttemptNotRecordedException ex, WebRequest request) {
        log.warn("Attempt not recorded: {}", ex.getCause().toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(
                ex, problem(HttpStatus.SERVICE_UNAVAILABLE, "attempts-unavailable", ex.getMessage()), headers, request);
    }
}
