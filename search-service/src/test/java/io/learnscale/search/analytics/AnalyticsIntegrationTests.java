package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.RealInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

/** Analytics against a real Kafka broker and a real Redis. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealInfrastructure
class AnalyticsIntegrationTests {

    private static final String TOPIC = "quiz.attempts";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final RestClient http = RestClient.create();

    /** quiz-service creates the topic in the full system; here the test stands in for it. */
    @BeforeAll
    static void createTopic(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
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

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(attempts(quizId)).isEqualTo(1));
    }

    @Test
    void countsEachAttemptOnceEvenWhenRedelivered() {
        String quizId = "quiz-" + UUID.randomUUID();
        String first = event(UUID.randomUUID().toString(), quizId, 3, 5);
        String second = event(UUID.randomUUID().toString(), quizId, 5, 5);
        kafka.send(TOPIC, "ada", first);
        kafka.send(TOPIC, "ada", first);
        kafka.send(TOPIC, "bob", second);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String body = statistics(quizId);
            assertThat(JsonPath.<Integer>read(body, "$.attempts")).isEqualTo(2);
            assertThat(JsonPath.<Double>read(body, "$.meanScore")).isEqualTo(4.0);
            assertThat(JsonPath.<Double>read(body, "$.meanScorePercent")).isEqualTo(80.0);
        });
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        String poison = "not json " + UUID.randomUUID();
        String breaksContract = event(UUID.randomUUID().toString(), "", 1, 0);
        String quizId = "after-poison-" + UUID.randomUUID();
        kafka.send(TOPIC, "mallory", poison);
        kafka.send(TOPIC, "mallory", breaksContract);
        kafka.send(TOPIC, "mallory", event(UUID.randomUUID().toString(), quizId, 1, 1));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(attempts(quizId)).isEqualTo(1));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deadLetters()).contains(poison, breaksContract));
    }

    private List<String> deadLetters() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC + ".DLT"));
            for (int i = 0; i < 6; i++) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private int attempts(String quizId) {
        return JsonPath.read(statistics(quizId), "$.attempts");
    }

    private String statistics(String quizId) {
        return http.get()
                .uri("http://127.0.0.1:" + port + "/api/analytics/quizzes/" + quizId)
                .retrieve()
                .body(String.class);
    }

    private static String event(String attemptId, String quizId, int score, int maxScore) {
        return """
                {"id": "%1$s", "type": "AttemptSubmitted", "version": 1, "occurredAt": "2026-11-25T12:00:00Z",
                 "data": {"attemptId": "%1$s", "quizId": "%2$s", "section": "scaling-techniques", "userId": "ada",
                          "answers": {}, "results": [], "score": %3$d, "maxScore": %4$d,
                          "submittedAt": "2026-11-25T12:00:00Z", "addedLater": true}}""".formatted(attemptId, quizId, score, maxScore);
    }
}
