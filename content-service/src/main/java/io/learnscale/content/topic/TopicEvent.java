package io.learnscale.content.topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A change of a topic, published through the outbox (Spring Modulith's event publication registry, in the same
 * transaction as the change) and externalised to {@code content.topics}, keyed by slug, in DESIGN's envelope.
 */
sealed interface TopicEvent permits TopicUpserted, TopicDeleted {

    /** The Kafka header that carries the id of the request that made the change. */
    String REQUEST_ID_HEADER = "request-id";

    /** The version of the event's schema (not of the topic). */
    int SCHEMA_VERSION = 1;

    UUID id();

    Instant occurredAt();

    @Nullable
    String requestId();

    /** The W3C {@code traceparent} of that request. */
    @Nullable
    String traceParent();

    String slug();

    String type();

    Object data();

    /** The Kafka message: the envelope as the value, the slug as the key, the request id as a header. */
    default Message<EventEnvelope> message() {
        MessageBuilder<EventEnvelope> message = MessageBuilder.withPayload(
                        new EventEnvelope(id().toString(), type(), SCHEMA_VERSION, occurredAt(), data()))
                .setHeader(KafkaHeaders.KEY, slug());
        String requestId = requestId();
        if (requestId != null) {
            message.setHeader(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        String traceParent = traceParent();
        if (traceParent != null) {
            message.setHeader(ChangeOrigins.TRACE_PARENT, traceParent.getBytes(StandardCharsets.UTF_8));
        }
        return message.build();
    }

    /** DESIGN: Events. Readers ignore unknown fields. */
    record EventEnvelope(String id, String type, int version, Instant occurredAt, Object data) {}
}
