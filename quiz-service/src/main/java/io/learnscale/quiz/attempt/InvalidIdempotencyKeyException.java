package io.learnscale.quiz.attempt;

/** The Idempotency-Key header is empty, too long or not printable ASCII. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    InvalidIdempotencyKeyException() {
        super("Idempotency-Key must be 1 to 255 printable ASCII characters without spaces (a UUID is a good choice).");
    }
}
