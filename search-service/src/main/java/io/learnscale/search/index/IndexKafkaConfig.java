package io.learnscale.search.index;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The index's dead-letter topic, {@code content.topics.DLT}: compacted and keyed by where the unreadable record
 * sits ({@code <partition>@<offset>}), because every instance reads every record, at every start: the copies each
 * instance sets aside of the same record collapse into one.
 */
@Configuration(proxyBeanMethods = false)
class IndexKafkaConfig {

    static final String DEAD_LETTER_SUFFIX = ".DLT";

    @Bean
    NewTopic topicsDeadLetterTopic(SearchProperties properties) {
        return TopicBuilder.name(properties.topic() + DEAD_LETTER_SUFFIX)
                .partitions(1)
                .compact()
                .build();
    }
}
