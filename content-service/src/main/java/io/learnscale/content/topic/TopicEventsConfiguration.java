package io.learnscale.content.topic;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.header.Headers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
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
}
