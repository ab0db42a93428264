package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.search.SearchServiceTest;
import io.learnscale.search.TestEvents;
import io.learnscale.search.TestHttp;
import io.learnscale.search.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.KafkaTemplate;

/** Analytics against a real Kafka broker and a real Redis. */
@SearchServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AnalyticsIntegrationTests {

    static final String TOPIC = "quiz.attempts";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private TestHttp http;

    /** quiz-service creates the topic in the full system; here the test stands in for it. */
    @BeforeAll
    static void createTopic(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        TestKafka.createTopic(bootstrapServers, TOPIC, 6, false);
    }

    @BeforeEach
    void http() {
        http = new TestHttp(port);
    }

    @Test
    void readsTheEventQuizServiceWrites() throws IOException {
        String event =
                new ClassPathResource("events/attempt-submitted-v1.json").getContentAsString(StandardCharsets.UTF_8);
        String quizId = "contract-" + UUID.randomUUID();
        kafka.send(
                TOPIC,
                "anonymous",
                event.replace("\"quizId\": \"scaling-techniques\"", "\"quizId\": \"" + quizId + "\""));

        await().atMost(WAIT).untilAsserted(() -> assertThat(attempts(quizId)).isEqualTo(1));
        String body = http.get("/api/analytics/quizzes/" + quizId).getBody();
        assertThat(JsonPath.<List<Integer>>read(body, "$.histogram[*].attempts"))
                .containsExactly(0, 1, 0);
        assertThat(JsonPath.<List<Double>>read(body, "$.questions[*].correctRate"))
                .containsExactly(1.0, 0.0);
    }

    @Test
    void continuesTheTraceOfTheRequestThatMadeTheAttempt(CapturedOutput output) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String attemptId = UUID.randomUUID().toString();
        String user = "ada-" + UUID.randomUUID();
        var record = new ProducerRecord<String, String>(
                TOPIC,
                user,
                TestEvents.attempt(attemptId, "quiz-" + attemptId, "scaling", user, true, true, true, true, false));
        record.headers()
                .add("traceparent", ("00-" + traceId + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8))
                .add("request-id", ("attempt-" + attemptId).getBytes(StandardCharsets.UTF_8));
        kafka.send(record);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("\\[attempt-" + attemptId + "] .*\\[" + traceId + "] .*Applied attempt "
                                + attemptId + " of " + user + " .* from quiz\\.attempts-\\d@\\d+"));
    }

    @Test
    void countsEachAttemptOnceEvenWhenRedelivered() {
        String quizId = "quiz-" + UUID.randomUUID();
        String ada = "ada-" + UUID.randomUUID();
        String first = TestEvents.attempt(
                UUID.randomUUID().toString(), quizId, "scaling", ada, true, true, true, false, false);
        String second = TestEvents.attempt(
                UUID.randomUUID().toString(), quizId, "scaling", "bob", true, true, true, true, true);
        kafka.send(TOPIC, ada, first);
        kafka.send(TOPIC, ada, first);
        kafka.send(TOPIC, "bob", second);

        await().atMost(WAIT).untilAsserted(() -> {
            String body = http.get("/api/analytics/quizzes/" + quizId).getBody();
            assertThat(JsonPath.<Integer>read(body, "$.attempts")).isEqualTo(2);
            assertThat(JsonPath.<Double>read(body, "$.meanScore")).isEqualTo(4.0);
            assertThat(JsonPath.<Double>read(body, "$.meanScorePercent")).isEqualTo(80.0);
        });
        String user = http.as(ada, "user").get("/api/analytics/users/" + ada).getBody();
        assertThat(JsonPath.<Integer>read(user, "$.attempts")).isEqualTo(1);
        assertThat(JsonPath.<Double>read(user, "$.sections[0].bestPercent")).isEqualTo(60.0);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        double deadLettered = deadLettered();
        String poison = "not json " + UUID.randomUUID();
        String breaksContract = """
                {"id": "x", "type": "AttemptSubmitted", "version": 1,
                 "data": {"attemptId": "%s", "quizId": "", "section": "s", "userId": "u", "score": 1, "maxScore": 0}}""".formatted(UUID.randomUUID());
        String quizId = "after-poison-" + UUID.randomUUID();
        kafka.send(TOPIC, "mallory", poison);
        kafka.send(TOPIC, "mallory", breaksContract);
        kafka.send(TOPIC, "mallory", TestEvents.attempt(UUID.randomUUID().toString(), quizId, "s", "mallory", true));

        await().atMost(WAIT).untilAsserted(() -> assertThat(attempts(quizId)).isEqualTo(1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(TestKafka.values(bootstrapServers, TOPIC + ".DLT"))
                        .contains(poison, breaksContract));
        assertThat(deadLettered()).isGreaterThanOrEqualTo(deadLettered + 2);
    }

    private double deadLettered() {
        var counter = meters.find("learnscale.analytics.dead.lettered").counter();
        return counter == null ? 0 : counter.count();
    }

    private int attempts(String quizId) {
        return JsonPath.read(http.get("/api/analytics/quizzes/" + quizId).getBody(), "$.attempts");
    }
}
