package io.learnscale.quiz.attempt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where attempts go and how long a submission waits for Kafka's acknowledgement. */
@ConfigurationProperties("learnscale.attempts")
record AttemptProperties(String topic, int partitions, Duration publishTimeout) {}
