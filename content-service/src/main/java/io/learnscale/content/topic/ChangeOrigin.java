package io.learnscale.content.topic;

import org.jspecify.annotations.Nullable;

/**
 * The request a change came from: its id and its W3C trace context, both carried in the headers of the change's
 * Kafka record, so the change can be followed from the gateway to every search-service instance that applies it.
 * The outbox sends after commit, on another thread, so both are taken while the request is still current.
 */
record ChangeOrigin(@Nullable String requestId, @Nullable String traceParent) {

    /** Changes no request made (the notes announced at start). */
    static final ChangeOrigin NONE = new ChangeOrigin(null, null);
}
