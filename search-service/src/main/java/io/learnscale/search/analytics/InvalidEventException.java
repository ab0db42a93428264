package io.learnscale.search.analytics;

/** A record that cannot be parsed or breaks the event contract: retrying will not help, it is dead-lettered. */
class InvalidEventException extends RuntimeException {

    InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
