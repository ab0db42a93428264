package io.learnscale.search.index;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic the compacted topic of topics that content-service writes
 * @param topicCheckInterval how often to look for the topic while it does not exist yet
 * @param partitionCheckInterval how often to look for partitions added to the topic
 */
@ConfigurationProperties("learnscale.search")
record SearchProperties(
        @DefaultValue("content.topics") String topic,
        @DefaultValue("2s") Duration topicCheckInterval,
        @DefaultValue("30s") Duration partitionCheckInterval) {}
