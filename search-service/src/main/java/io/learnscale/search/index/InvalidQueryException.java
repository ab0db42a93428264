package io.learnscale.search.index;

/** A search query that cannot be run even after the tolerant parse; the caller gets a 400 problem. */
public class InvalidQueryException extends RuntimeException {

    InvalidQueryException(String message) {
        super(message);
    }
}
