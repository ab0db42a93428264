package io.learnscale.search.index;

import io.learnscale.search.events.RecordTraces;
import io.learnscale.search.events.RecordTraces.RecordSpan;
import io.learnscale.support.InstanceIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's index a full replica of {@code content.topics}: its own consumer, with no consumer group
 * (every partition assigned by hand, nothing committed), reads the topic from the beginning at every start and then
 * follows it. The instance counts as caught up, and becomes ready, once it has read up to the end offsets the topic
 * had when the reader started; a topic that does not exist yet has nothing to catch up with.
 */
@Component
class TopicsReplica implements SmartLifecycle {

    static final String LAG_METRIC = "learnscale.consumer.lag";
    static final String CONSUMER = "search-index";

    private static final Logger log = LoggerFactory.getLogger(TopicsReplica.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ConsumerFactory<String, String> consumers;
    private final TopicChanges changes;
    private final TopicIndex index;
    private final SearchProperties properties;
    private final String clientId;
    private final MeterRegistry registry;
    private final Counter rejected;
    private final RecordTraces traces;
    private final KafkaOperations<String, String> deadLetters;
    private final String instanceId;

    /** The next offset to apply, per partition: where a new consumer resumes after an error. Reader thread only. */
    private final Map<TopicPartition, Long> next = new HashMap<>();

    /** The highest version applied per slug, deletions included. Reader thread only. */
    private final Map<String, Long> versions = new HashMap<>();

    private final Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();
    private final long createdNanos = System.nanoTime();

    /** The end offsets as of start: caught up once every partition's position reached them. */
    private volatile @Nullable Map<TopicPartition, Long> target;

    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile @Nullable Consumer<String, String> consumer;
    private @Nullable Thread thread;

    TopicsReplica(
            ConsumerFactory<String, String> consumers,
            TopicChanges changes,
            TopicIndex index,
            SearchProperties properties,
            InstanceIdentity instance,
            MeterRegistry registry,
            RecordTraces traces,
            KafkaOperations<String, String> deadLetters) {
        this.consumers = consumers;
        this.traces = traces;
        this.deadLetters = deadLetters;
        this.instanceId = instance.id();
        this.changes = changes;
        this.index = index;
        this.properties = properties;
        this.clientId = "search-index-" + instance.id();
        this.registry = registry;
        this.rejected = Counter.builder("learnscale.search.index.rejected")
                .description("Records of the topics topic that could not be read: skipped and dead-lettered")
                .tag("topic", properties.topic())
                .register(registry);
        Gauge.builder("learnscale.search.index.documents", index, TopicIndex::documents)
                .description("Topics in this instance's search index")
                .register(registry);
        Gauge.builder("learnscale.search.index.ready", this, replica -> replica.caughtUp() ? 1 : 0)
                .description("1 once the index caught up with the topic as of start")
                .register(registry);
    }

    /** True once the index holds everything the topic held when this instance started. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** Records not yet applied, over every partition (as of the last poll). */
    long behind() {
        return lag.values().stream().mapToLong(AtomicLong::get).sum();
    }

    String topic() {
        return properties.topic();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("topics-replica").daemon().start(this::run);
    }

    /** Wakes the consumer out of its poll, so it closes cleanly; interrupts only a reader that is not polling. */
    @Override
    public void stop() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(3));
                if (reader.isAlive()) {
                    reader.interrupt();
                    reader.join(Duration.ofSeconds(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Consumer<String, String> reader = consumers.createConsumer(null, clientId, null, overrides())) {
                consumer = reader;
                follow(reader);
            } catch (WakeupException | InterruptException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    log.warn(
                            "Reading {} failed ({}); resuming from the last applied offsets",
                            properties.topic(),
                            e.toString());
                    log.debug("Reading {} failed", properties.topic(), e);
                    pause(RETRY);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(Consumer<String, String> reader) {
        List<TopicPartition> partitions = awaitPartitions(reader);
        if (partitions.isEmpty()) {
            return;
        }
        assign(reader, partitions);
        if (next.isEmpty()) {
            log.info("Reading {} from the beginning: {} partitions", properties.topic(), partitions.size());
        }
        if (target == null) {
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, CALL_TIMEOUT);
            target = Map.copyOf(ends);
            log.info(
                    "Catching up with {}: {} partitions, end offsets {}",
                    properties.topic(),
                    partitions.size(),
                    ends.values());
        }
        long nextPartitionCheck =
                System.nanoTime() + properties.partitionCheckInterval().toNanos();
        while (running) {
            ConsumerRecords<String, String> records = reader.poll(POLL);
            for (ConsumerRecord<String, String> record : records) {
                try (RecordSpan span = traces.start(record, "search-index apply")) {
                    span.run(() -> apply(record));
                }
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (!records.isEmpty()) {
                index.refresh();
            }
            measureLag(reader, partitions);
            if (!caughtUp && reached(reader)) {
                index.refresh();
                caughtUp = true;
                log.info(
                        "Search index caught up with {}: {} topics after {} ms",
                        properties.topic(),
                        index.documents(),
                        Duration.ofNanos(System.nanoTime() - createdNanos).toMillis());
            }
            if (System.nanoTime() > nextPartitionCheck) {
                List<TopicPartition> now = partitions(reader);
                if (now.size() > partitions.size()) {
                    log.info("{} grew to {} partitions", properties.topic(), now.size());
                    partitions = now;
                    assign(reader, partitions);
                }
                nextPartitionCheck =
                        System.nanoTime() + properties.partitionCheckInterval().toNanos();
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        TopicChange change;
        try {
            change = changes.read(record.key(), record.value());
        } catch (InvalidTopicEventException e) {
            rejected.increment();
            log.warn(
                    "Skipping {}-{}@{} (key {}, request {}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key(),
                    RecordTraces.requestId(record),
                    e.getMessage());
            deadLetter(record, e);
            return;
        }
        switch (change) {
            case TopicChange.Upsert upsert -> {
                if (fresh(upsert.slug(), upsert.version(), record)) {
                    index.upsert(upsert);
                    applied("Indexed", upsert.slug(), upsert.version(), record);
                }
            }
            case TopicChange.Delete delete -> {
                if (fresh(delete.slug(), delete.version(), record)) {
                    index.delete(delete.slug());
                    applied("Removed", delete.slug(), delete.version(), record);
                }
            }
            case TopicChange.Ignore ignore -> log.debug("Ignoring a {} event", ignore.type());
        }
    }

    /** A live change is logged (one line per authoring request); the replay at start is not. */
    private void applied(String what, String slug, @Nullable Long version, ConsumerRecord<String, String> record) {
        if (caughtUp) {
            log.info(
                    "{} {} version {} from {}-{}@{}",
                    what,
                    slug,
                    version,
                    record.topic(),
                    record.partition(),
                    record.offset());
        }
    }

    /** A copy of an unreadable record on the dead-letter topic, with where it came from and why (IndexKafkaConfig). */
    private void deadLetter(ConsumerRecord<String, String> record, InvalidTopicEventException e) {
        var letter = new ProducerRecord<>(
                properties.topic() + IndexKafkaConfig.DEAD_LETTER_SUFFIX,
                null,
                record.partition() + "@" + record.offset(),
                record.value());
        letter.headers()
                .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8))
                .add(
                        KafkaHeaders.DLT_ORIGINAL_PARTITION,
                        ByteBuffer.allocate(4).putInt(record.partition()).array())
                .add(
                        KafkaHeaders.DLT_ORIGINAL_OFFSET,
                        ByteBuffer.allocate(8).putLong(record.offset()).array())
                .add(
                        KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                        String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8))
                .add("learnscale-instance", instanceId.getBytes(StandardCharsets.UTF_8));
        if (record.key() != null) {
            letter.headers().add("learnscale-original-key", record.key().getBytes(StandardCharsets.UTF_8));
        }
        deadLetters.send(letter).whenComplete((sent, error) -> {
            if (error != null) {
                log.warn(
                        "Could not dead-letter {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        error.toString());
            }
        });
    }

    /**
     * False for a change older than one applied already: the outbox may publish a change again, after a newer one,
     * when an earlier attempt to publish it failed. A change without a version (a tombstone) always applies.
     */
    private boolean fresh(String slug, @Nullable Long version, ConsumerRecord<String, String> record) {
        if (version == null) {
            return true;
        }
        Long applied = versions.get(slug);
        if (applied != null && version < applied) {
            log.info(
                    "Skipping {}-{}@{}: version {} of {} is older than version {}, applied already",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    version,
                    slug,
                    applied);
            return false;
        }
        versions.put(slug, version);
        return true;
    }

    /** The topic's partitions; while it does not exist, waits for it (and counts as caught up: nothing to read). */
    private List<TopicPartition> awaitPartitions(Consumer<String, String> reader) {
        while (running) {
            List<TopicPartition> partitions = partitions(reader);
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (target == null) {
                target = Map.of();
                caughtUp = true;
                log.info("{} does not exist yet: the search index starts empty and waits for it", properties.topic());
            }
            pause(properties.topicCheckInterval());
        }
        return List.of();
    }

    private List<TopicPartition> partitions(Consumer<String, String> reader) {
        List<PartitionInfo> infos = reader.partitionsFor(properties.topic(), CALL_TIMEOUT);
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private void assign(Consumer<String, String> reader, List<TopicPartition> partitions) {
        reader.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long offset = next.get(partition);
            if (offset == null) {
                reader.seekToBeginning(List.of(partition));
            } else {
                reader.seek(partition, offset);
            }
        }
    }

    private boolean reached(Consumer<String, String> reader) {
        Map<TopicPartition, Long> ends = target;
        if (ends == null) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (reader.position(end.getKey(), CALL_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void measureLag(Consumer<String, String> reader, List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OptionalLong current = reader.currentLag(partition);
            if (current.isPresent()) {
                lag.computeIfAbsent(partition.partition(), this::registerLag).set(current.getAsLong());
            }
        }
    }

    private AtomicLong registerLag(int partition) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(LAG_METRIC, value, AtomicLong::get)
                .description("Records not yet consumed, per partition owned by this instance")
                .tags("topic", properties.topic(), "partition", String.valueOf(partition), "group", CONSUMER)
                .register(registry);
        return value;
    }

    private Properties overrides() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return overrides;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
