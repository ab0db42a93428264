package io.learnscale.search.analytics;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that breaks the contract goes to {@code <topic>.DLT} after bounded retries; an infrastructure error
 * (Redis down) is not the record's fault, so the consumer backs off and retries it without end.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsKafkaConfig {

    @Bean
    NewTopic attemptsDeadLetterTopic(@Value("${learnscale.analytics.topic}") String topic) {
        return TopicBuilder.name(topic + ".DLT").partitions(1).build();
    }

    @Bean
    DefaultErrorHandler analyticsErrorHandler(KafkaTemplate<String, String> template) {
        var handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(
                template, (record, ex) -> new TopicPartition(record.topic() + ".DLT", -1)));
        handler.setBackOffFunction((record, ex) -> isRecordFault(ex) ? new FixedBackOff(100, 2) : untilItWorks());
        return handler;
    }

    private static boolean isRecordFault(Exception ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidEventException) {
                return true;
            }
        }
        return false;
    }

    private static BackOff untilItWorks() {
        var backOff = new ExponentialBackOff(200, 2);
        backOff.setMaxInterval(5_000);
        return backOff;
    }
}
