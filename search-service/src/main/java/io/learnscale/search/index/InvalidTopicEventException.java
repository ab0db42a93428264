package io.learnscale.search.index;

/** A record on {@code content.topics} that cannot be parsed or breaks the contract; the index skips and counts it. */
class InvalidTopicEventException extends RuntimeException {

    InvalidTopicEventException(String message, Throwable cause) {
        super(message, cause);
    }

    InvalidTopicEventException(String message) {
        super(message);
    }
}
