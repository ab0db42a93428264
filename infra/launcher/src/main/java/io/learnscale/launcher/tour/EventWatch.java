package io.learnscale.launcher.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./learnscale events}: the records of {@code content.topics}, {@code quiz.attempts} and their dead-letter
 * topics, one readable line each (time, topic-partition@offset, key, type, request id), as they arrive. It reads
 * without a consumer group (assigned partitions, no commits), so it never takes partitions from search-service.
 */
public final class EventWatch {

    /** DESIGN: Events. */
    public static final List<String> TOPICS =
            List.of("content.topics", "quiz.attempts", "content.topics.DLT", "quiz.attempts.DLT");

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;

    public EventWatch(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Prints records until the time is up (or forever for a null duration). From the beginning of every topic, or
     * only what arrives from now on; a topic created meanwhile (a dead-letter topic) is picked up within seconds.
     */
    public void watch(boolean fromBeginning, Duration duration, Consumer<String> out) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "learnscale-events",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000);
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = List.of();
            long nextCheck = 0;
            boolean first = true;
            while (System.nanoTime() < deadline) {
                if (System.nanoTime() >= nextCheck) {
                    List<TopicPartition> now = partitions(consumer);
                    if (!now.equals(assigned)) {
                        List<TopicPartition> added = new ArrayList<>(now);
                        added.removeAll(assigned);
                        consumer.assign(now);
                        if (fromBeginning || !first) {
                            consumer.seekToBeginning(added);
                        } else {
                            consumer.seekToEnd(added);
                        }
                        out.accept("watching " + describe(now));
                        assigned = now;
                    }
                    first = false;
                    nextCheck = System.nanoTime() + TOPIC_CHECK.toNanos();
                }
                if (assigned.isEmpty()) {
                    sleep(POLL);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    out.accept(render(record));
                }
            }
        }
    }

    /** One record as a line: time, where, key, type and event id, the request that produced it. */
    public static String render(ConsumerRecord<String, byte[]> record) {
        String type = "tombstone";
        String id = "";
        if (record.value() != null) {
            try {
                JsonNode event = JSON.readTree(record.value());
                type = event.path("type").asText("?");
                id = event.path("id").asText("");
            } catch (java.io.IOException e) {
                type = "unreadable (" + record.value().length + " bytes)";
            }
        }
        String error = header(record, "kafka_dlt-exception-message");
        return "%s  %s-%d@%d  key=%s  %s %s  request=%s%s"
                .formatted(
                        Instant.ofEpochMilli(record.timestamp()),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        type,
                        id,
                        orDash(header(record, "request-id")),
                        error == null ? "" : "  dead-lettered: " + error);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        partitions.sort((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition())
                : Integer.compare(TOPICS.indexOf(a.topic()), TOPICS.indexOf(b.topic())));
        return partitions;
    }

    private static String describe(List<TopicPartition> partitions) {
        Set<String> topics = new java.util.LinkedHashSet<>();
        partitions.forEach(partition -> topics.add(partition.topic()));
        return topics.isEmpty()
                ? "(no topic exists yet)"
                : String.join(", ", topics) + " (" + partitions.size() + " partitions)";
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
