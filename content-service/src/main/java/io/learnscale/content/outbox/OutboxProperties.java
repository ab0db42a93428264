package io.learnscale.content.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox catches up after Kafka was away: every {@code resubmitInterval}, failed publications at least
 * {@code minAge} old are sent again, {@code batchSize} at a time.
 */
@ConfigurationProperties("learnscale.outbox")
record OutboxProperties(Duration resubmitInterval, Duration minAge, int batchSize) {}
