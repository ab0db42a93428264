package io.learnscale.content.topic;

/** A topic with this slug exists already. */
class DuplicateTopicException extends RuntimeException {

    DuplicateTopicException(String slug) {
        super("A topic with the slug '" + slug + "' exists; change it with PUT or PATCH /api/topics/" + slug + ".");
    }
}
