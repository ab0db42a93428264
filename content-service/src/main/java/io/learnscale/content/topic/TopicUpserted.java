package io.learnscale.content.topic;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A topic was created or changed; {@code data} is the whole topic, as {@code GET /api/topics/{slug}} shows it. */
record TopicUpserted(
        UUID id,
        Instant occurredAt,
        Topic topic,
        @Nullable String requestId,
        @Nullable String traceParent) implements TopicEvent {

    static final String TYPE = "TopicUpserted";

    static TopicUpserted of(Topic topic, ChangeOrigin origin) {
        return new TopicUpserted(UUID.randomUUID(), topic.updatedAt(), topic, origin.requestId(), origin.traceParent());
    }

    @Override
    public String slug() {
        return topic.slug();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object data() {
        return topic;
    }
}
