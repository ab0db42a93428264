package io.learnscale.quiz.web;

import io.learnscale.quiz.attempt.AttemptInFlightException;
import io.learnscale.quiz.attempt.AttemptNotRecordedException;
import io.learnscale.quiz.attempt.IdempotencyKeyReusedException;
import io.learnscale.quiz.attempt.IdempotencyUnavailableException;
import io.learnscale.quiz.attempt.InvalidAttemptException;
import io.learnscale.quiz.attempt.InvalidIdempotencyKeyException;
import io.learnscale.quiz.quiz.InvalidQuizException;
import io.learnscale.quiz.quiz.QuizAlreadyExistsException;
import io.learnscale.quiz.quiz.QuizNotFoundException;
import io.learnscale.quiz.quiz.QuizzesUnavailableException;
import io.learnscale.quiz.redis.RedisUnavailableException;
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

/** Maps quiz-service's exceptions to problem+json, each with a stable type. */
@RestControllerAdvice
class QuizProblems extends ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(QuizProblems.class);

    /** Seconds a client should wait before retrying after a dependency failed. */
    static final String DEPENDENCY_RETRY_AFTER = "5";

    @ExceptionHandler
    ResponseEntity<Object> quizNotFound(QuizNotFoundException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.NOT_FOUND, "quiz-not-found", ex.getMessage()), new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> quizExists(QuizAlreadyExistsException ex, WebRequest request) {
        return respond(ex, problem(HttpStatus.CONFLICT, "quiz-exists", ex.getMessage()), new HttpHeaders(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidQuiz(InvalidQuizException ex, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-quiz", ex.getMessage());
        problem.setProperty(
                "errors",
                ex.violations().stream()
                        .map(v -> new FieldErrorView(v.field(), v.message()))
                        .toList());
        return respond(ex, problem, new HttpHeaders(), request);
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
    ResponseEntity<Object> invalidKey(InvalidIdempotencyKeyException ex, WebRequest request) {
        return respond(
                ex,
                problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", ex.getMessage()),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> keyReused(IdempotencyKeyReusedException ex, WebRequest request) {
        return respond(
                ex,
                problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", ex.getMessage()),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> inFlight(AttemptInFlightException ex, WebRequest request) {
        return respond(
                ex, problem(HttpStatus.CONFLICT, "attempt-in-flight", ex.getMessage()), retryAfter("1"), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> notRecorded(AttemptNotRecordedException ex, WebRequest request) {
        log.warn("Attempt not recorded: {}", ex.getCause().toString());
        return unavailable(ex, "attempts-unavailable", request);
    }

    @ExceptionHandler
    ResponseEntity<Object> idempotencyUnavailable(IdempotencyUnavailableException ex, WebRequest request) {
        log.warn("Keyed attempt refused, Redis unavailable: {}", ex.getCause().getMessage());
        return unavailable(ex, "idempotency-unavailable", request);
    }

    @ExceptionHandler
    ResponseEntity<Object> quizzesUnavailable(QuizzesUnavailableException ex, WebRequest request) {
        log.warn("Quizzes unavailable: {}", ex.getCause().getMessage());
        return unavailable(ex, "quizzes-unavailable", request);
    }

    /** The database failed outside a read the catalog guards (an authoring change): nothing was changed. */
    // PostgreSQL gone around a transaction: no connection to begin it, or a broken one that cannot roll it back
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class,
        TransactionSystemException.class
    })
    ResponseEntity<Object> databaseUnavailable(RuntimeException ex, WebRequest request) {
        log.warn("Database unavailable: {}", ex.getMessage());
        return respond(
                ex,
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "quizzes-unavailable",
                        "The quiz database cannot be reached right now; nothing was changed, please retry."),
                retryAfter(DEPENDENCY_RETRY_AFTER),
                request);
    }

    /** Never expected to escape (callers decide what a Redis failure means), but never a 500 either. */
    @ExceptionHandler
    ResponseEntity<Object> redisUnavailable(RedisUnavailableException ex, WebRequest request) {
        log.warn("Redis unavailable: {}", ex.getMessage());
        return respond(
                ex,
                problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "A dependency is unavailable; please retry."),
                retryAfter(DEPENDENCY_RETRY_AFTER),
                request);
    }

    private ResponseEntity<Object> unavailable(RuntimeException ex, String type, WebRequest request) {
        return respond(
                ex,
                problem(HttpStatus.SERVICE_UNAVAILABLE, type, ex.getMessage()),
                retryAfter(DEPENDENCY_RETRY_AFTER),
                request);
    }

    private static HttpHeaders retryAfter(String seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, seconds);
        return headers;
    }
}
