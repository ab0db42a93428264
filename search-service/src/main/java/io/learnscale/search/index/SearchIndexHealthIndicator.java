package io.learnscale.search.index;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code searchIndex} in the {@code readiness} group: DOWN until the index caught up with the topics topic as of
 * start, so the gateway never sends a search to an instance whose index is still filling. It does not look at Kafka
 * itself: once caught up, an instance keeps serving its (possibly slightly stale) replica through a Kafka outage.
 */
@Component
class SearchIndexHealthIndicator implements HealthIndicator {

    private final TopicsReplica replica;
    private final TopicIndex index;

    SearchIndexHealthIndicator(TopicsReplica replica, TopicIndex index) {
        this.replica = replica;
        this.index = index;
    }

    @Override
    public Health health() {
        Health.Builder health = replica.caughtUp() ? Health.up() : Health.down();
        return health.withDetail("topic", replica.topic())
                .withDetail("caughtUp", replica.caughtUp())
                .withDetail("documents", index.documents())
                .withDetail("behind", replica.behind())
                .build();
    }
}
