package io.learnscale.quiz.attempt;

/** Another request with the same Idempotency-Key is being processed right now. */
public class AttemptInFlightException extends RuntimeException {

    AttemptInFlightException() {
        super("A request with this Idempotency-Key is still being processed; retry in a moment for its response.");
    }
}
