package io.learnscale.content.topic;

import io.learnscale.support.RequestIds;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.converter.ByteArrayJacksonJsonMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code content.topics}: compacted (the latest event per slug is kept: a materialised view of the topics), and
 * which events Spring Modulith externalises to it, how.
 */
@Configuration(proxyBeanMethods = false)
class TopicEventsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TopicEventsConfiguration.class);

    @Bean
    NewTopic contentTopics(TopicEventProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicas())
                .compact()
                .build();
    }

    /**
     * The envelope as JSON bytes, like Spring Modulith's default converter, but without the {@code __TypeId__}
     * header: a Java class name is no part of the contract, and consumers own the records they read (STYLE.md).
     */
    @Bean
    RecordMessageConverter kafkaMessageConverter(JsonMapper json) {
        ByteArrayJacksonJsonMessageConverter converter = new ByteArrayJacksonJsonMessageConverter(json);
        converter.setTypeMapper(new DefaultJacksonJavaTypeMapper() {
            @Override
            public void fromJavaType(JavaType javaType, Headers headers) {
                // no type headers
            }
        });
        return converter;
    }

    @Bean
    EventExternalizationConfiguration topicEventExternalization(TopicEventProperties properties) {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(TopicEvent.class)
                .mapping(TopicEvent.class, TopicEvent::message)
                .route(
                        TopicEvent.class,
                        event -> RoutingTarget.forTarget(properties.topic()).andKey(event.slug()))
                .build();
    }

    /**
     * One log line per change the outbox got onto the topic, with its partition and offset, under the request id
     * and trace id that made the change (the send completes on the producer's thread, outside the request): where a
     * change is followed from the gateway to search-service (README). Failures are logged as before.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new LoggingProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
                putUnlessNull(RequestIds.MDC_KEY, header(record, TopicEvent.REQUEST_ID_HEADER));
                putUnlessNull("traceId", traceId(header(record, ChangeOrigins.TRACE_PARENT)));
                try {
                    log.info(
                            "Published the change of {} at {}-{}@{}",
                            record.key(),
                            metadata.topic(),
                            metadata.partition(),
                            metadata.offset());
                } finally {
                    MDC.remove(RequestIds.MDC_KEY);
                    MDC.remove("traceId");
                }
            }
        };
    }

    private static void putUnlessNull(String key, @Nullable String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private static @Nullable String header(ProducerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a W3C {@code traceparent}: {@code 00-<trace id>-<span id>-<flags>}. */
    private static @Nullable String traceId(@Nullable String traceParent) {
        return traceParent == null || traceParent.length() < 35 ? null : traceParent.substring(3, 35);
    }
}
