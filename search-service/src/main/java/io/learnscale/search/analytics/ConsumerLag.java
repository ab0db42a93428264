package io.learnscale.search.analytics;

import io.learnscale.support.InstanceIdentity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Consumer lag of group {@code analytics}, per partition, exported by the instance that owns the partition:
 * {@code learnscale.consumer.lag{topic, partition, group}} plus the {@code instance} tag every meter has. Summed
 * over instances it is the group's lag, the number an autoscaler (KEDA) reads.
 *
 * <p>Lag is the end offset minus the group's committed offset, measured with an admin client on a timer, so it
 * keeps growing while the consumer is stuck (Redis down), exactly when it matters. Which partitions this instance
 * owns comes from the rebalance callbacks.
 */
@Component
class ConsumerLag implements ConsumerAwareRebalanceListener, SmartLifecycle {

    static final String METRIC = "learnscale.consumer.lag";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final AnalyticsProperties properties;
    private final KafkaAdmin kafkaAdmin;
    private final MeterRegistry registry;
    private final String clientId;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    /** Measurer thread only. */
    private final Map<TopicPartition, Gauge> gauges = new HashMap<>();

    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();

    private volatile @Nullable ScheduledExecutorService timer;
    private @Nullable Admin admin;

    ConsumerLag(
            AnalyticsProperties properties, KafkaAdmin kafkaAdmin, MeterRegistry registry, InstanceIdentity instance) {
        this.properties = properties;
        this.kafkaAdmin = kafkaAdmin;
        this.registry = registry;
        this.clientId = "analytics-lag-" + instance.id();
    }

    /** The partitions of the topic this instance consumes now. */
    Set<Integer> ownedPartitions() {
        return owned.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The last measured lag of the partitions this instance owns. */
    Map<Integer, Long> lag() {
        return lags.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().partition(), e -> e.getValue().get()));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        partitions.stream().filter(this::ours).forEach(owned::add);
        log.info("Owns {} of {} now", ownedPartitions(), properties.topic());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(owned::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(owned::remove);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("analytics-lag").daemon().factory());
        long interval = properties.lagInterval().toMillis();
        executor.scheduleWithFixedDelay(this::measureSafely, interval, interval, TimeUnit.MILLISECONDS);
        timer = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = timer;
        timer = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
            admin = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    private void measureSafely() {
        try {
            measure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Consumer lag not measured this time: {}", e.toString());
        }
    }

    void measure() throws Exception {
        Set<TopicPartition> mine = Set.copyOf(owned);
        gauges.keySet().removeIf(partition -> {
            if (mine.contains(partition)) {
                return false;
            }
            registry.remove(gauges.get(partition));
            lags.remove(partition);
            return true;
        });
        if (mine.isEmpty()) {
            return;
        }
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(properties.group())
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = offsets(client, mine, OffsetSpec.latest());
        Set<TopicPartition> neverCommitted = mine.stream()
                .filter(partition -> committed.get(partition) == null)
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> starts =
                neverCommitted.isEmpty() ? Map.of() : offsets(client, neverCommitted, OffsetSpec.earliest());
        for (TopicPartition partition : mine) {
            Long end = ends.get(partition);
            OffsetAndMetadata commit = committed.get(partition);
            Long start = commit != null ? Long.valueOf(commit.offset()) : starts.get(partition);
            if (end == null || start == null) {
                continue;
            }
            lags.computeIfAbsent(partition, this::register).set(Math.max(0, end - start));
        }
    }

    private AtomicLong register(TopicPartition partition) {
        AtomicLong value = new AtomicLong();
        gauges.put(
                partition,
                Gauge.builder(METRIC, value, AtomicLong::get)
                        .description("Records not yet consumed, per partition owned by this instance")
                        .tags(
                                "topic",
                                partition.topic(),
                                "partition",
                                String.valueOf(partition.partition()),
                                "group",
                                properties.group())
                        .register(registry));
        return value;
    }

    private static Map<TopicPartition, Long> offsets(Admin client, Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                client.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
            admin = Admin.create(config);
        }
        return admin;
    }

    private boolean ours(TopicPartition partition) {
        return partition.topic().equals(properties.topic());
    }
}
