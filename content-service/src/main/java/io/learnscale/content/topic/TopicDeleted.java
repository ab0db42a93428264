package io.learnscale.content.topic;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A topic was deleted; {@code version} is higher than any version the topic had. */
record TopicDeleted(
        UUID id,
        Instant occurredAt,
        Deletion deletion,
        @Nullable String requestId,
        @Nullable String traceParent) implements TopicEvent {

    static final String TYPE = "TopicDeleted";

    static TopicDeleted of(Topic topic, long version, Instant deletedAt, ChangeOrigin origin) {
        return new TopicDeleted(
                UUID.randomUUID(),
                deletedAt,
                new Deletion(topic.slug(), topic.section(), version, deletedAt),
                origin.requestId(),
                origin.traceParent());
    }

    @Override
    public String slug() {
        return deletion.slug();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object data() {
        return deletion;
    }

    /** The data of a {@code TopicDeleted} event. */
    record Deletion(String slug, String section, long version, Instant deletedAt) {}
}
