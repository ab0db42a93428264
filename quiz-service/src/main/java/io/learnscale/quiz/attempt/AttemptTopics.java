package io.learnscale.quiz.attempt;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** quiz-service creates the topic it writes: retention unlimited, so analytics can always be rebuilt. */
@Configuration(proxyBeanMethods = false)
class AttemptTopics {

    @Bean
    NewTopic attemptsTopic(AttemptProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .config("retention.ms", "-1")
                .build();
    }
}
