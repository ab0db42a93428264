package io.learnscale.content.topic;

/** No topic has the slug asked for. */
class TopicNotFoundException extends RuntimeException {

    TopicNotFoundException(String slug) {
        super("No topic has the slug '" + slug + "'.");
    }
}
