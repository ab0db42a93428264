package io.learnscale.content.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spring Modulith sends an event to Kafka once, after the commit; when Kafka cannot take it the publication is
 * marked FAILED and stays so. This resubmits failed publications on a schedule, from whichever instance gets to
 * them first (a publication is claimed in the database before it is resent), so a change made while Kafka was down
 * reaches {@code content.topics} within seconds of Kafka's return. Publications left behind by an instance that
 * died mid-send are marked failed by Modulith's staleness monitor ({@code spring.modulith.events.staleness.*})
 * and come back here. It also creates the topics if Kafka was down when this instance started.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final FailedEventPublications failed;
    private final KafkaAdmin admin;
    private final OutboxProperties properties;
    private volatile boolean topicsCreated;

    OutboxRelay(FailedEventPublications failed, KafkaAdmin admin, OutboxProperties properties) {
        this.failed = failed;
        this.admin = admin;
        this.properties = properties;
    }

    @Scheduled(
            initialDelayString = "${learnscale.outbox.resubmit-interval}",
            fixedDelayString = "${learnscale.outbox.resubmit-interval}")
    void resubmitFailedPublications() {
        if (!topicsCreated) {
            topicsCreated = admin.initialize();
            if (!topicsCreated) {
                return; // Kafka still away: nothing can be sent yet
            }
        }
        try {
            failed.resubmit(ResubmissionOptions.defaults()
                    .withMinAge(properties.minAge())
                    .withBatchSize(properties.batchSize())
                    .withMaxInFlight(properties.batchSize()));
        } catch (RuntimeException e) {
            log.warn("Could not resubmit failed event publications: {}", e.toString());
        }
    }
}
