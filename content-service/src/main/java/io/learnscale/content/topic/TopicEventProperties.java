package io.learnscale.content.topic;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The compacted topic content-service publishes to and creates at start. */
@ConfigurationProperties("learnscale.topic-events")
record TopicEventProperties(String topic, int partitions, short replicas) {}
