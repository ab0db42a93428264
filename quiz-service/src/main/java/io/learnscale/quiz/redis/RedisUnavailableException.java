package io.learnscale.quiz.redis;

/** Redis did not answer, or its circuit breaker is open: the caller decides whether that is fatal. */
public class RedisUnavailableException extends RuntimeException {

    RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
