package io.learnscale.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.search.SearchServiceTest;
import io.learnscale.search.TestEvents;
import io.learnscale.search.TestHttp;
import io.learnscale.search.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;

/** The index against a real broker: content.topics in, searches out. */
@SearchServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SearchIntegrationTests {

    private static final String TOPIC = "content.topics";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    KafkaTemplate<String, String> kafka;

    private TestHttp http;

    /** content-service creates the topic in the full system; the index picks it up once it exists. */
    @BeforeAll
    static void createTopic(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        TestKafka.createTopic(bootstrapServers, TOPIC, 6, true);
    }

    @BeforeEach
    void http() {
        http = new TestHttp(port);
    }

    @Test
    void theIndexHoldsEveryPublishedTopicAndFollowsUpdatesAndDeletes() throws Exception {
        String word = TestEvents.uniqueWord();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String slug = word + "-topic-" + i;
            slugs.add(slug);
            upsert(slug, "Topic " + i, "About " + word + " and item" + i + word + ".", 10);
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(slugs(word, 50)).containsExactlyInAnyOrderElementsOf(slugs));

        String replacement = TestEvents.uniqueWord();
        upsert(slugs.get(0), "Topic zero, rewritten", "Now about " + replacement + ".", 20);
        kafka.send(TOPIC, slugs.get(1), TestEvents.topicDeleted(slugs.get(1), 21))
                .get(10, TimeUnit.SECONDS);
        kafka.send(TOPIC, slugs.get(2), null).get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(slugs(word, 50)).containsExactlyInAnyOrderElementsOf(slugs.subList(3, 12));
            assertThat(slugs(replacement, 50)).containsExactly(slugs.get(0));
        });
    }

    @Test
    void aLiveChangeIsLoggedInTheTraceOfTheRequestThatMadeIt(CapturedOutput output) throws Exception {
        String traceId = "5b8efff798038103d269b633813fc60c";
        String slug = TestEvents.uniqueWord();
        var record = new ProducerRecord<String, String>(
                TOPIC, slug, TestEvents.topicUpserted(slug, "s", "Traced", "Followed.", List.of(), 3));
        record.headers()
                .add("traceparent", ("00-" + traceId + "-eee19b7ec3c1b174-01").getBytes(StandardCharsets.UTF_8))
                .add("request-id", ("edit-" + slug).getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get(10, TimeUnit.SECONDS);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("\\[edit-" + slug + "] .*\\[" + traceId + "] .*Indexed " + slug
                                + " version 3 from content\\.topics-\\d@\\d+"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheIndexGoesOn() throws Exception {
        String poison = "{\"type\": \"TopicUpserted\", \"data\": [" + TestEvents.uniqueWord();
        kafka.send(TOPIC, "poison", poison).get(10, TimeUnit.SECONDS);
        String word = TestEvents.uniqueWord();
        upsert(word + "-after", "After the poison", "About " + word + ".", 1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(slugs(word, 10)).containsExactly(word + "-after"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(TestKafka.values(bootstrapServers, TOPIC + ".DLT"))
                        .contains(poison));
    }

    @Test
    void aChangeOlderThanOneAppliedIsIgnored() throws Exception {
        String word = TestEvents.uniqueWord();
        String slug = word + "-stale";
        upsert(slug, "Stale test", "Deleted for good: " + word, 30);
        int partition = kafka.send(TOPIC, slug, TestEvents.topicDeleted(slug, 40))
                .get(10, TimeUnit.SECONDS)
                .getRecordMetadata()
                .partition();
        // published again late by the outbox, after the deletion: it must not bring the topic back
        kafka.send(TOPIC, partition, slug, TestEvents.topicUpserted(slug, "s", "Stale", word, List.of(), 30))
                .get(10, TimeUnit.SECONDS);
        String sentinel = TestEvents.uniqueWord();
        kafka.send(TOPIC, partition, sentinel, TestEvents.topicUpserted(sentinel, "s", sentinel, "x", List.of(), 1))
                .get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).untilAsserted(() -> assertThat(slugs(sentinel, 10)).containsExactly(sentinel));
        assertThat(slugs(word, 10)).isEmpty();
    }

    @Test
    void aTitleMatchRanksFirst() throws Exception {
        String word = TestEvents.uniqueWord();
        upsert(word + "-body", "Message queues", word + " here, " + word + " there, " + word + " everywhere.", 1);
        upsert(word + "-title", "All about " + word, "A short body.", 1);
        kafka.send(
                        TOPIC,
                        word + "-tags",
                        TestEvents.topicUpserted(word + "-tags", "s", "Partitions", "Other words.", List.of(word), 1))
                .get(10, TimeUnit.SECONDS);

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(slugs(word, 10)).containsExactly(word + "-title", word + "-tags", word + "-body"));
    }

    @Test
    void aSearchAnswersSlugsHighlightedSnippetsAndSectionCounts() throws Exception {
        String word = TestEvents.uniqueWord();
        String section = word + "-section";
        kafka.send(
                TOPIC,
                word + "-1",
                TestEvents.topicUpserted(word + "-1", section, "First", word + " one.", List.of(), 1));
        kafka.send(
                TOPIC,
                word + "-2",
                TestEvents.topicUpserted(word + "-2", section, "Second", word + " two.", List.of(), 1));
        kafka.send(
                        TOPIC,
                        word + "-3",
                        TestEvents.topicUpserted(word + "-3", "other", "Third", word + " three.", List.of(), 1))
                .get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).untilAsserted(() -> assertThat(slugs(word, 10)).hasSize(3));
        ResponseEntity<String> response = http.get("/api/search", "q", word, "section", section, "limit", "1");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String body = response.getBody();
        assertThat(JsonPath.<Integer>read(body, "$.total")).isEqualTo(2);
        assertThat(JsonPath.<List<String>>read(body, "$.hits[*].slug"))
                .hasSize(1)
                .allMatch(s -> s.startsWith(word));
        assertThat(JsonPath.<String>read(body, "$.hits[0].section")).isEqualTo(section);
        assertThat(JsonPath.<String>read(body, "$.hits[0].snippet")).contains("<mark>" + word + "</mark>");
        assertThat(JsonPath.<List<String>>read(body, "$.sections[*].section")).containsExactly(section, "other");
        assertThat(JsonPath.<List<Integer>>read(body, "$.sections[*].count")).containsExactly(2, 1);
        assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("search-service-1");
    }

    @Test
    void hostileQueriesNeverGetA500() {
        List<String> hostile = List.of(
                "",
                " ",
                "\"",
                "\"unbalanced phrase",
                "phrase\"",
                "*",
                "?",
                "*:*",
                ":",
                "title:",
                "\\",
                "AND",
                "OR OR",
                "NOT NOT",
                "a AND",
                "(",
                "))",
                "[a TO",
                "{a TO z]",
                "~",
                "^",
                "!",
                "+-",
                "&&||",
                "/",
                "/[a-z",
                "/(.*a){30}/",
                "x".repeat(1000),
                "the",
                "((((((((((((((((((((((((((((((((((((((((((((((((x",
                "%",
                "%00",
                "\u0000",
                "\uD83D\uDE00",
                "\uFFFF",
                "<script>alert(1)</script>",
                "'; DROP TABLE topics; --",
                "${jndi:ldap://x}",
                "q=1&limit=9999",
                "x~2",
                "x~99",
                "x^-1",
                "x^1e40",
                "\"a b\"~99999999999",
                "body:[* TO *]",
                "$facets:x");
        for (String q : hostile) {
            assertNo500(http.get("/api/search", "q", q), q);
        }
        for (String limit : List.of("0", "-1", "51", "99999999999", "ten", "", "1.5")) {
            assertNo500(http.get("/api/search", "q", "caching", "limit", limit), "limit " + limit);
        }
        assertNo500(http.get("/api/search"), "no q");
        assertNo500(http.get("/api/search", "q", "caching", "section", "\"*:*"), "section");
    }

    @Test
    void theInstanceIsReadyOnceItsIndexCaughtUp() {
        TestHttp management = new TestHttp(managementPort);

        await().atMost(WAIT).untilAsserted(() -> {
            ResponseEntity<String> readiness = management.get("/actuator/health/readiness");
            assertThat(readiness.getStatusCode().value()).isEqualTo(200);
            assertThat(JsonPath.<String>read(readiness.getBody(), "$.components.searchIndex.status"))
                    .isEqualTo("UP");
            assertThat(JsonPath.<Boolean>read(readiness.getBody(), "$.components.searchIndex.details.caughtUp"))
                    .isTrue();
        });
    }

    private void assertNo500(ResponseEntity<String> response, String what) {
        int status = response.getStatusCode().value();
        assertThat(status).as(what).isIn(200, 400);
        if (status == 400) {
            assertThat(response.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private void upsert(String slug, String title, String body, long version) throws Exception {
        kafka.send(TOPIC, slug, TestEvents.topicUpserted(slug, "scaling", title, body, List.of("test"), version))
                .get(10, TimeUnit.SECONDS);
    }

    private List<String> slugs(String q, int limit) {
        ResponseEntity<String> response = http.get("/api/search", "q", q, "limit", Integer.toString(limit));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return JsonPath.read(response.getBody(), "$.hits[*].slug");
    }
}
