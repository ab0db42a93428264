package io.learnscale.quiz.attempt;

/** The Idempotency-Key was used before with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request; use a new key for a new attempt.");
    }
}
