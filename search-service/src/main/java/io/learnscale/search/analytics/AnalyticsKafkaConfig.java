package io.learnscale.search.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that breaks the contract goes to {@code <topic>.DLT} after bounded retries, and is counted; an
 * infrastructure error (Redis down) is not the record's fault, so the consumer backs off and retries it without
 * end.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsKafkaConfig {

    static final String DEAD_LETTER_SUFFIX = ".DLT";

    @Bean
    NewTopic attemptsDeadLetterTopic(AnalyticsProperties properties) {
        return TopicBuilder.name(properties.topic() + DEAD_LETTER_SUFFIX)
                .partitions(1)
                .build();
    }

    @Bean
    DefaultErrorHandler analyticsErrorHandler(KafkaTemplate<String, String> template, MeterRegistry registry) {
        var handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(
                template, (record, ex) -> new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, -1)));
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {}

            @Override
            public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception ex) {
                Counter.builder("learnscale.analytics.dead.lettered")
                        .description("Records that broke the contract and went to the dead-letter topic")
                        .tag("topic", record.topic())
                        .register(registry)
                        .increment();
            }
        });
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
