package io.learnscale.search.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic the graded attempts, written by quiz-service
 * @param group the consumer group every instance joins (competing consumers)
 * @param lagInterval how often the consumer lag of the partitions this instance owns is measured
 * @param rebuildClaim how long a rebuild's claim lives without a heartbeat (an instance that dies mid-rebuild
 *     releases it after this)
 */
@ConfigurationProperties("learnscale.analytics")
record AnalyticsProperties(
        @DefaultValue("quiz.attempts") String topic,
        @DefaultValue("analytics") String group,
        @DefaultValue("5s") Duration lagInterval,
        @DefaultValue("60s") Duration rebuildClaim) {}
