package io.learnscale.quiz.attempt;

/** Idempotency records cannot be reached, so a keyed attempt cannot be made safe against a duplicate. */
public class IdempotencyUnavailableException extends RuntimeException {

    IdempotencyUnavailableException(Throwable cause) {
        super(
                "Attempts with an Idempotency-Key cannot be taken right now (their records are unreachable); nothing was recorded, please retry.",
                cause);
    }
}
