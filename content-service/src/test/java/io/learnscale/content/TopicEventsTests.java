package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.KafkaProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox: every committed change is on content.topics (compacted, 6 partitions, key = slug) in the envelope,
 * the seeded notes included, and a change made while Kafka was down arrives soon after Kafka is back.
 */
@ContentServiceTest
@ExtendWith(OutputCaptureExtension.class)
class TopicEventsTests {

    private static final String TOPIC = "content.topics";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static KafkaConsumer<String, String> consumer;
    private static final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    private Api api() {
        return new Api(port);
    }

    /** Writes need an author's token (DESIGN: Public API); reads stay anonymous. */
    private Api author() {
        return Api.author(port);
    }

    @BeforeAll
    static void startFresh() {
        received.clear();
    }

    @AfterAll
    static void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @AfterEach
    void restore() {
        Faults.restoreAll();
    }

    @Test
    void theTopicIsCompactedWithSixPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            assertThat(description.partitions()).hasSize(6);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            String policy = admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("cleanup.policy")
                    .value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void createUpdateAndDeleteArePublishedInTheEnvelopeKeyedBySlug(CapturedOutput output) {
        String slug = Api.uniqueSlug();
        ResponseEntity<String> created = author().http
                .post()
                .uri(author().url("/api/topics"))
                .header("X-Request-Id", "create-" + slug)
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Api.topicJson(slug, "apis", "Evented"))
                .retrieve()
                .toEntity(String.class);
        String etag = created.getHeaders().getETag();
        author().http
                .patch()
                .uri(author().url("/api/topics/" + slug))
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .header(HttpHeaders.IF_MATCH, etag)
                .body("{\"title\": \"Evented twice\"}")
                .retrieve()
                .toBodilessEntity();
        author().http
                .delete()
                .uri(author().url("/api/topics/" + slug))
                .retrieve()
                .toBodilessEntity();

        List<ConsumerRecord<String, String>> events = awaitEvents(slug, 3);

        assertThat(events).extracting(ConsumerRecord::key).containsOnly(slug);
        assertThat(events)
                .extracting(record -> JsonPath.<String>read(record.value(), "$.type"))
                .containsExactly("TopicUpserted", "TopicUpserted", "TopicDeleted");
        ConsumerRecord<String, String> first = events.get(0);
        assertThat(JsonPath.<String>read(first.value(), "$.id")).hasSize(36);
        assertThat(JsonPath.<Integer>read(first.value(), "$.version")).isEqualTo(1);
        assertThat(JsonPath.<String>read(first.value(), "$.occurredAt")).endsWith("Z");
        assertThat(JsonPath.<String>read(first.value(), "$.data.title")).isEqualTo("Evented");
        assertThat(JsonPath.<String>read(first.value(), "$.data.body")).contains("```python");
        assertThat(new String(first.headers().lastHeader("request-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("create-" + slug);
        // the trace of the request goes on through the outbox: same trace, a span of content-service's own
        assertThat(new String(first.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .startsWith("00-" + TRACE_ID + "-")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(first.headers().toArray()).extracting(Header::key).containsExactly("request-id", "traceparent");
        assertThat(output.getOut())
                .containsPattern("\\[create-" + slug + "] .*\\[" + TRACE_ID + "] .*Published the change of " + slug
                        + " at content\\.topics-\\d@" + first.offset());
        assertThat(JsonPath.<Map<String, Object>>read(first.value(), "$"))
                .containsOnlyKeys("id", "type", "version", "occurredAt", "data");
        assertThat(JsonPath.<String>read(events.get(1).value(), "$.data.title")).isEqualTo("Evented twice");
        long updated =
                JsonPath.<Number>read(events.get(1).value(), "$.data.version").longValue();
        long deleted =
                JsonPath.<Number>read(events.get(2).value(), "$.data.version").longValue();
        assertThat(deleted).isGreaterThan(updated);
        assertThat(JsonPath.<String>read(events.get(2).value(), "$.data.slug")).isEqualTo(slug);
    }

    @Test
    void aRejectedWriteIsNotPublished() {
        String slug = author().createTopic("Only once");
        assertThat(author().post("/api/topics", Api.topicJson(slug, "apis", "Duplicate"))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
        String marker = author().createTopic("Marker after the rejected write");

        awaitEvents(marker, 1);
        assertThat(eventsFor(slug)).hasSize(1);
    }

    @Test
    void theTopicHoldsEveryTopicOfTheDatabaseSeededOnesIncluded() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            poll();
            assertThat(indexFromTheTopic()).isEqualTo(versionsInTheDatabase());
        });
        assertThat(indexFromTheTopic()).containsKeys("horizontal-scaling", "python-definition", "oop-class");
    }

    @Test
    void aWriteWhileKafkaIsDownIsPublishedSoonAfterItsReturn() {
        Faults.kafka().cut();
        String slug = Api.uniqueSlug();

        ResponseEntity<String> created = author().post("/api/topics", Api.topicJson(slug, "apis", "Written offline"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);

        // Kafka could not take it: the publication is marked failed (and retried, failing, while Kafka is away)
        await().atMost(Duration.ofSeconds(15)).until(() -> failedPublicationsFor(slug) > 0);
        assertThat(eventsFor(slug)).isEmpty();

        Faults.kafka().restore();
        long back = System.nanoTime();

        awaitEvents(slug, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> failedPublicationsFor(slug) == 0);
    }

    private long failedPublicationsFor(String slug) {
        return jdbc.sql("select count(*) from event_publication where status = 'FAILED'"
                        + " and serialized_event like :slug")
                .param("slug", "%\"" + slug + "\"%")
                .query(Long.class)
                .single();
    }

    private List<ConsumerRecord<String, String>> awaitEvents(String slug, int count) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            poll();
            assertThat(eventsFor(slug)).hasSizeGreaterThanOrEqualTo(count);
        });
        return eventsFor(slug);
    }

    private static synchronized List<ConsumerRecord<String, String>> eventsFor(String slug) {
        return received.stream().filter(record -> slug.equals(record.key())).toList();
    }

    private static synchronized void poll() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker(),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "content-events-test-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer());
            consumer.subscribe(List.of(TOPIC));
        }
        consumer.poll(Duration.ofMillis(300)).forEach(received::add);
    }

    /** What a reader of the topic builds: per slug the highest version, deletions removing the slug. */
    private static synchronized Map<String, Long> indexFromTheTopic() {
        Map<String, Long> versions = new HashMap<>();
        Map<String, Boolean> live = new HashMap<>();
        for (ConsumerRecord<String, String> record : received) {
            long version =
                    JsonPath.<Number>read(record.value(), "$.data.version").longValue();
            if (version > versions.getOrDefault(record.key(), -1L)) {
                versions.put(record.key(), version);
                live.put(record.key(), "TopicUpserted".equals(JsonPath.read(record.value(), "$.type")));
            }
        }
        Map<String, Long> index = new HashMap<>();
        versions.forEach((slug, version) -> {
            if (live.get(slug)) {
                index.put(slug, version);
            }
        });
        return index;
    }

    private Map<String, Long> versionsInTheDatabase() {
        Map<String, Long> versions = new HashMap<>();
        jdbc.sql("select slug, version from topic")
                .query((rs, row) -> versions.put(rs.getString("slug"), rs.getLong("version")))
                .list();
        return versions;
    }

    private static String broker() {
        return Optional.ofNullable(Faults.kafka())
                .map(KafkaProxy::upstreamBootstrapServers)
                .orElseThrow();
    }
}
