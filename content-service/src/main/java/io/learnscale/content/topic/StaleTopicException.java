package io.learnscale.content.topic;

/** The If-Match of a write names a version that is not the current one: someone changed the topic meanwhile. */
class StaleTopicException extends RuntimeException {

    private final long currentVersion;

    StaleTopicException(String slug, String ifMatch, long currentVersion) {
        super("Topic '%s' is at version %d, not %s: fetch it again and reapply your change."
                .formatted(slug, currentVersion, ifMatch));
        this.currentVersion = currentVersion;
    }

    long currentVersion() {
        return currentVersion;
    }
}
