package io.learnscale.content;

import static io.learnscale.testsupport.AccessAssertions.assertForbidden;
import static io.learnscale.testsupport.AccessAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.KafkaProxy;
import io.learnscale.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may do what, asked straight of content-service on its own port as a client bypassing the gateway would (DESIGN:
 * Security): topics, sections and the API docs are public; creating, replacing, patching and deleting a topic need
 * {@code author} (or {@code admin}); a token that is presented must be valid, even on a public read. A refused write
 * changes nothing in PostgreSQL and publishes nothing on content.topics.
 */
@ContentServiceTest
class TopicAccessTests {

    private static final String TOPIC = "content.topics";
    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api anonymous() {
        return new Api(port);
    }

    @Test
    void anyoneReadsTopicsSectionsAndTheApiDocsWithoutAToken() {
        Api anonymous = anonymous();

        assertThat(anonymous.get("/api/topics").getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous
                        .get("/api/topics?section=scaling-techniques")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(anonymous.get("/api/topics/hybrid-approach").getStatusCode().value())
                .isEqualTo(200);
        assertThat(anonymous.get("/api/sections").getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous
                        .http
                        .head()
                        .uri(anonymous.url("/api/topics/hybrid-approach"))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void aWriteWithoutATokenIsA401ProblemAndChangesNothing() {
        String existing = Api.author(port).createTopic("Guarded from strangers");
        String fresh = Api.uniqueSlug();
        Row before = row(existing).orElseThrow();
        awaitEventCount(existing, 1);
        Api anonymous = anonymous();
        String requestId = "anonymous-write-" + UUID.randomUUID();

        ResponseEntity<String> created = anonymous
                .http
                .post()
                .uri(anonymous.url("/api/topics"))
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Api.topicJson(fresh, "apis", "Anonymous"))
                .retrieve()
                .toEntity(String.class);

        assertUnauthorized(created);
        assertThat(created.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(JsonPath.<String>read(created.getBody(), "$.requestId")).isEqualTo(requestId);
        assertUnauthorized(put(anonymous, existing, "Anonymous"));
        assertUnauthorized(patch(anonymous, existing, "Anonymous"));
        assertUnauthorized(delete(anonymous, existing));

        assertNothingChanged(existing, before, fresh);
    }

    @Test
    void aUserMayNotWriteTopicsA403ProblemAndNothingChanges() {
        String existing = Api.author(port).createTopic("Guarded from readers");
        String fresh = Api.uniqueSlug();
        Row before = row(existing).orElseThrow();
        awaitEventCount(existing, 1);
        Api user = anonymous().as("ada", "user");

        assertForbidden(user.post("/api/topics", Api.topicJson(fresh, "apis", "By a user")));
        assertForbidden(put(user, existing, "By a user"));
        assertForbidden(patch(user, existing, "By a user"));
        assertForbidden(delete(user, existing));
        assertThat(user.get("/api/topics/" + existing).getStatusCode().value()).isEqualTo(200);

        assertNothingChanged(existing, before, fresh);
    }

    @Test
    void aTokenWithoutARoleMayNotWriteEither() {
        String existing = Api.author(port).createTopic("Guarded from nobody");
        Api nobody = anonymous().as("nobody");

        assertForbidden(nobody.post("/api/topics", Api.topicJson(Api.uniqueSlug(), "apis", "By nobody")));
        assertForbidden(patch(nobody, existing, "By nobody"));
        assertForbidden(delete(nobody, existing));
        assertThat(row(existing).orElseThrow().title()).isEqualTo("Guarded from nobody");
    }

    @Test
    void anAuthorCreatesReplacesPatchesAndDeletesATopic() {
        assertWritesEverything(anonymous().as("author-1", "author"));
    }

    @Test
    void anAdminMayWriteToo() {
        assertWritesEverything(anonymous().as("root", "admin"));
    }

    @Test
    void anExpiredForgedOrUnsignedTokenIsA401EvenOnAPublicRead() {
        for (String token : TestTokens.invalid()) {
            Api bad = anonymous().withToken(token);

            assertUnauthorized(bad.get("/api/topics/hybrid-approach"));
            assertUnauthorized(bad.get("/api/topics"));
            assertUnauthorized(bad.get("/api/sections"));
            assertUnauthorized(bad.get("/v3/api-docs"));
        }
    }

    @Test
    void anExpiredForgedOrUnsignedAuthorTokenSentStraightToTheServiceWritesNothing() {
        String existing = Api.author(port).createTopic("Guarded from forgers");
        String fresh = Api.uniqueSlug();
        Row before = row(existing).orElseThrow();
        awaitEventCount(existing, 1);

        for (String token : List.of(
                TestTokens.expired("author-1", "author"),
                TestTokens.forged("root", "admin", "author"),
                TestTokens.unsigned("root"))) {
            Api bad = anonymous().withToken(token);

            assertUnauthorized(bad.post("/api/topics", Api.topicJson(fresh, "apis", "Forged")));
            assertUnauthorized(put(bad, existing, "Forged"));
            assertUnauthorized(patch(bad, existing, "Forged"));
            assertUnauthorized(delete(bad, existing));
        }

        assertNothingChanged(existing, before, fresh);
    }

    private void assertWritesEverything(Api writer) {
        String slug = Api.uniqueSlug();

        ResponseEntity<String> created = writer.post("/api/topics", Api.topicJson(slug, "apis", "Authored"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> replaced = put(writer, slug, "Replaced");
        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> patched = patch(writer, slug, "Patched");
        assertThat(patched.getStatusCode().value()).isEqualTo(200);
        assertThat(row(slug).orElseThrow().title()).isEqualTo("Patched");
        assertThat(delete(writer, slug).getStatusCode().value()).isEqualTo(204);
        assertThat(row(slug)).isEmpty();
        assertThat(anonymous().get("/api/topics/" + slug).getStatusCode().value())
                .isEqualTo(404);
    }

    /**
     * The existing topic is as it was and has only its creation on content.topics; the fresh slug was never created
     * nor published. A marker topic written afterwards shows the outbox has sent everything committed before it.
     */
    private void assertNothingChanged(String existing, Row before, String fresh) {
        assertThat(row(existing)).contains(before);
        assertThat(row(fresh)).isEmpty();
        String marker = Api.author(port).createTopic("Marker after the refused writes");
        List<ConsumerRecord<String, String>> events = eventsUpTo(marker);
        assertThat(events).filteredOn(record -> fresh.equals(record.key())).isEmpty();
        assertThat(events)
                .filteredOn(record -> existing.equals(record.key()))
                .extracting(record -> JsonPath.<String>read(record.value(), "$.type"))
                .containsExactly("TopicUpserted");
    }

    private record Row(String title, long version) {}

    private Optional<Row> row(String slug) {
        return jdbc.sql("select title, version from topic where slug = :slug")
                .param("slug", slug)
                .query((rs, n) -> new Row(rs.getString("title"), rs.getLong("version")))
                .optional();
    }

    private static ResponseEntity<String> put(Api api, String slug, String title) {
        return api.http
                .put()
                .uri(api.url("/api/topics/" + slug))
                .header(HttpHeaders.IF_MATCH, "*")
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"section": "apis", "title": "%s", "body": "text"}""".formatted(title))
                .retrieve()
                .toEntity(String.class);
    }

    private static ResponseEntity<String> patch(Api api, String slug, String title) {
        return api.http
                .patch()
                .uri(api.url("/api/topics/" + slug))
                .header(HttpHeaders.IF_MATCH, "*")
                .contentType(MERGE_PATCH)
                .body("{\"title\": \"%s\"}".formatted(title))
                .retrieve()
                .toEntity(String.class);
    }

    private static ResponseEntity<String> delete(Api api, String slug) {
        return api.http
                .delete()
                .uri(api.url("/api/topics/" + slug))
                .header(HttpHeaders.IF_MATCH, "*")
                .retrieve()
                .toEntity(String.class);
    }

    private static void awaitEventCount(String slug, int count) {
        List<ConsumerRecord<String, String>> events = eventsUpTo(slug);
        assertThat(events).filteredOn(record -> slug.equals(record.key())).hasSize(count);
    }

    /** content.topics from the beginning until the first event keyed by {@code slug} has arrived. */
    private static List<ConsumerRecord<String, String>> eventsUpTo(String slug) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "content-access-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.stream().noneMatch(record -> slug.equals(record.key()))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No event for " + slug + " on " + TOPIC + " within 20 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // whatever else was already on the topic at that moment
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(TOPIC + " could not be read to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String broker() {
        return Optional.ofNullable(Faults.kafka())
                .map(KafkaProxy::upstreamBootstrapServers)
                .orElseThrow();
    }
}
