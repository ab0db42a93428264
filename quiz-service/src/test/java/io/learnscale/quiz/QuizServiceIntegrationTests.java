package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** quiz-service against a real PostgreSQL (quizzes) and a real Kafka broker (attempts). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealInfrastructure
class QuizServiceIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final RestClient http = RestClient.builder()
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();

    @Test
    void aQuizNeverRevealsItsAnswers() {
        String quiz = http.get()
                .uri("http://127.0.0.1:" + port + "/api/quizzes/scaling-techniques")
                .retrieve()
                .body(String.class);

        assertThat(JsonPath.<List<String>>read(quiz, "$.questions[*].id")).hasSize(5);
        assertThat(quiz).doesNotContain("correct").doesNotContain("explanation");
    }

    @Test
    void aGradedAttemptIsOnKafkaBeforeThe201() {
        String requestId = "attempt-" + UUID.randomUUID();
        ResponseEntity<String> response = http.post()
                .uri("http://127.0.0.1:" + port + "/api/quizzes/scaling-techniques/attempts")
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"answers": {"q1": ["a"], "q2": ["a", "b", "d"], "q3": ["b"], "q4": ["a"], "q5": ["c"]}}""")
                .retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(response.getBody(), "$.score")).isEqualTo(4);
        String attemptId = JsonPath.read(response.getBody(), "$.attemptId");

        ConsumerRecord<String, String> record = recordWithId(attemptId);
        assertThat(record.key()).isEqualTo("anonymous");
        assertThat(new String(record.headers().lastHeader("request-id").value(), StandardCharsets.UTF_8))
                .isEqualTo(requestId);
        assertThat(JsonPath.<String>read(record.value(), "$.type")).isEqualTo("AttemptSubmitted");
        assertThat(JsonPath.<Integer>read(record.value(), "$.version")).isEqualTo(1);
        assertThat(JsonPath.<String>read(record.value(), "$.data.section")).isEqualTo("scaling-techniques");
        assertThat(JsonPath.<Integer>read(record.value(), "$.data.maxScore")).isEqualTo(5);
        assertThat(JsonPath.<List<String>>read(record.value(), "$.data.results[3].correctChoices"))
                .containsExactly("a", "b", "d");
    }

    private ConsumerRecord<String, String> recordWithId(String attemptId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("quiz.attempts"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (attemptId.equals(JsonPath.read(record.value(), "$.id"))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("Attempt " + attemptId + " never reached quiz.attempts");
    }
}
