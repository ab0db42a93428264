package io.learnscale.search.analytics;

import io.learnscale.support.InstanceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the aggregates from {@code quiz.attempts}, which keeps every attempt (unlimited retention):
 *
 * <ol>
 *   <li>claim a fresh generation in Redis ({@code analytics:building}, which lapses unless heartbeats keep it); from
 *       then on the live consumers apply every attempt to the current generation and to the new one;
 *   <li>note the topic's end offsets and replay it from the earliest offset up to them, with a consumer of its own
 *       (no group), into the new generation; what comes later is applied by the live consumers, and what both
 *       apply counts once, as always;
 *   <li>swap: one script makes the new generation current and ends the claim, then the old one is deleted.
 * </ol>
 *
 * Reads and writes are single scripts that look up the current generation themselves, so nobody sees half of
 * either generation. Only one rebuild runs at a time across all instances.
 */
@Component
class AnalyticsRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRebuild.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final Aggregates aggregates;
    private final AttemptReader reader;
    private final ConsumerFactory<String, String> consumers;
    private final AnalyticsProperties properties;
    private final String instance;

    private volatile @Nullable ExecutorService executor;

    AnalyticsRebuild(
            Aggregates aggregates,
            AttemptReader reader,
            ConsumerFactory<String, String> consumers,
            AnalyticsProperties properties,
            InstanceIdentity instance) {
        this.aggregates = aggregates;
        this.reader = reader;
        this.consumers = consumers;
        this.properties = properties;
        this.instance = instance.id();
    }

    /** Starts a rebuild on this instance; throws {@link RebuildRunningException} when one is running anywhere. */
    RebuildStatus begin() {
        ExecutorService replayer = executor;
        if (replayer == null) {
            throw new IllegalStateException("The application is stopping");
        }
        long generation = aggregates.claimRebuild(properties.rebuildClaim());
        if (generation < 0) {
            throw new RebuildRunningException();
        }
        RebuildStatus status =
                new RebuildStatus(RebuildStatus.RUNNING, generation, 0, 0, 0, 0, instance, Instant.now(), null, null);
        aggregates.status(status);
        log.info("Rebuilding the analytics aggregates into generation {}", generation);
        replayer.execute(() -> replay(status));
        return status;
    }

    /** The last rebuild, wherever it ran; a running one whose instance died shows as failed. */
    RebuildStatus status() {
        RebuildStatus status = aggregates.status();
        if (RebuildStatus.RUNNING.equals(status.state())
                && !Objects.equals(aggregates.building(), status.generation())) {
            return Objects.equals(aggregates.current(), status.generation())
                    ? status.finished(RebuildStatus.DONE, Instant.now(), null)
                    : status.finished(
                            RebuildStatus.FAILED,
                            Instant.now(),
                            "abandoned: the instance running it stopped before it finished");
        }
        return status;
    }

    private void replay(RebuildStatus started) {
        long generation = Objects.requireNonNull(started.generation());
        RebuildStatus status = started;
        try (Consumer<String, String> consumer =
                consumers.createConsumer(null, "analytics-rebuild-" + instance, null, overrides())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CALL_TIMEOUT);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, CALL_TIMEOUT);
            long target = ends.entrySet().stream()
                    .mapToLong(end -> end.getValue() - beginnings.getOrDefault(end.getKey(), 0L))
                    .sum();
            status = new RebuildStatus(
                    status.state(), generation, 0, target, 0, 0, instance, status.startedAt(), null, null);
            aggregates.status(status);

            long records = 0;
            long applied = 0;
            long skipped = 0;
            long lastBeat = System.nanoTime();
            long lastProgress = System.nanoTime();
            while (!reached(consumer, ends)) {
                checkRunning();
                List<AttemptSubmitted.Data> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                    if (end == null || record.offset() >= end) {
                        continue; // after the snapshot: the live consumers apply it to this generation too
                    }
                    records++;
                    try {
                        batch.add(reader.read(record));
                    } catch (InvalidEventException e) {
                        skipped++;
                    }
                }
                applied += applyUntilItWorks(generation, batch);
                if (System.nanoTime() - lastBeat > properties.rebuildClaim().toNanos() / 4) {
                    keepClaim(generation);
                    lastBeat = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                    aggregates.status(status.progress(records, applied, skipped));
                    lastProgress = System.nanoTime();
                }
            }
            status = status.progress(records, applied, skipped);
            keepClaim(generation);
            long previous = aggregates.swap(generation);
            if (previous < 0) {
                throw new IllegalStateException("the rebuild's claim lapsed before the swap");
            }
            aggregates.status(status.finished(RebuildStatus.DONE, Instant.now(), null));
            long deleted = aggregates.deleteGeneration(previous);
            log.info(
                    "Analytics rebuilt: generation {} replaces {} ({} records replayed, {} attempts, {} skipped; {}"
                            + " old keys deleted)",
                    generation,
                    previous,
                    records,
                    applied,
                    skipped,
                    deleted);
        } catch (RuntimeException e) {
            fail(status, generation, e);
        }
    }

    private void fail(RebuildStatus status, long generation, RuntimeException e) {
        log.warn("The analytics rebuild into generation {} failed", generation, e);
        try {
            aggregates.abandon(generation);
            aggregates.status(status.finished(RebuildStatus.FAILED, Instant.now(), e.getMessage()));
            if (!Objects.equals(aggregates.current(), generation)) {
                aggregates.deleteGeneration(generation);
            }
        } catch (RuntimeException cleanup) {
            log.warn("Could not clean up after the failed rebuild: {}", cleanup.toString());
        }
    }

    /** Redis down is not a reason to give up: retry with back-off while the claim may still be ours. */
    private int applyUntilItWorks(long generation, List<AttemptSubmitted.Data> batch) {
        long backOff = 200;
        while (true) {
            checkRunning();
            try {
                return aggregates.applyTo(generation, batch);
            } catch (RuntimeException e) {
                log.warn("Rebuild: the aggregates could not be updated ({}); retrying in {} ms", e, backOff);
                sleep(backOff);
                backOff = Math.min(backOff * 2, 5_000);
            }
        }
    }

    private void keepClaim(long generation) {
        if (!aggregates.heartbeat(generation, properties.rebuildClaim())) {
            throw new IllegalStateException("the rebuild's claim lapsed (Redis was away longer than "
                    + properties.rebuildClaim().toSeconds() + " s?) or was taken");
        }
    }

    private boolean reached(Consumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), CALL_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(Consumer<String, String> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(properties.topic(), CALL_TIMEOUT);
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition))
                        .toList();
    }

    private void checkRunning() {
        if (executor == null || Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("the instance is stopping");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the instance is stopping", e);
        }
    }

    private static Properties overrides() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return overrides;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("analytics-rebuild").daemon().factory());
    }

    @Override
    public void stop() {
        ExecutorService replayer = executor;
        executor = null;
        if (replayer != null) {
            replayer.shutdownNow();
            try {
                replayer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
