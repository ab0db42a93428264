package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import net.minidev.json.JSONArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Taking quizzes against real PostgreSQL, Redis and Kafka: grading, errors, idempotency, the event on the topic. Every
 * attempt is made by a signed-in user ({@value #USER}), under whose id it is recorded.
 */
@QuizServiceIntegrationTest
class AttemptIntegrationTests {

    static final String ALL_RIGHT = """
            {"answers": {"q1": ["a"], "q2": ["a", "b", "d"], "q3": ["b"], "q4": ["a", "b", "d"], "q5": ["c"]}}""";
    static final String FOUR_RIGHT = """
            {"answers": {"q1": ["a"], "q2": ["a", "b", "d"], "q3": ["b"], "q4": ["a"], "q5": ["c"]}}""";
    static final String ATTEMPTS = "/api/quizzes/scaling-techniques/attempts";
    static final String USER = "ada";

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    Http http() {
        return new Http(port).as(USER, "user");
    }

    @Test
    void theRightAnswersScoreFullMarks() {
        ResponseEntity<String> response = http().post(ATTEMPTS, ALL_RIGHT);

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(response.getBody(), "$.score")).isEqualTo(5);
        assertThat(JsonPath.<Integer>read(response.getBody(), "$.maxScore")).isEqualTo(5);
    }

    @Test
    void theEventOnTheTopicMatchesTheResponse() {
        String requestId = "attempt-" + UUID.randomUUID();
        String traceId = "8d4f1ac57b8a0e0d3c9e4b1a2f6d7e90";
        ResponseEntity<String> response = http().post(
                        ATTEMPTS,
                        FOUR_RIGHT,
                        "X-Request-Id",
                        requestId,
                        "traceparent",
                        "00-" + traceId + "-a1b2c3d4e5f60718-01");
        assertThat(response.getStatusCode().value()).isEqualTo(201);
        String body = response.getBody();
        String attemptId = JsonPath.read(body, "$.attemptId");

        List<ConsumerRecord<String, String>> records = AttemptsTopic.withId(kafka, attemptId);

        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        String event = record.value();
        assertThat(record.key()).isEqualTo(USER);
        assertThat(AttemptsTopic.header(record, "request-id")).isEqualTo(requestId);
        // the record continues the request's trace, so search-service's work on it shows in the same trace
        assertThat(AttemptsTopic.header(record, "traceparent")).startsWith("00-" + traceId + "-");
        assertThat(JsonPath.<String>read(event, "$.type")).isEqualTo("AttemptSubmitted");
        assertThat(JsonPath.<Integer>read(event, "$.version")).isEqualTo(1);
        assertThat(JsonPath.<String>read(event, "$.occurredAt")).isEqualTo(JsonPath.read(body, "$.submittedAt"));
        assertThat(JsonPath.<String>read(event, "$.data.attemptId")).isEqualTo(attemptId);
        assertThat(JsonPath.<String>read(event, "$.data.quizId")).isEqualTo("scaling-techniques");
        assertThat(JsonPath.<String>read(event, "$.data.section")).isEqualTo("scaling-techniques");
        assertThat(JsonPath.<String>read(event, "$.data.userId")).isEqualTo(USER);
        assertThat(JsonPath.<Integer>read(event, "$.data.score"))
                .isEqualTo(JsonPath.<Integer>read(body, "$.score"))
                .isEqualTo(4);
        assertThat(JsonPath.<Integer>read(event, "$.data.maxScore")).isEqualTo(5);
        assertThat(JsonPath.<String>read(event, "$.data.submittedAt")).isEqualTo(JsonPath.read(body, "$.submittedAt"));
        assertThat(JsonPath.<List<String>>read(event, "$.data.answers.q2")).containsExactly("a", "b", "d");
        for (String field : List.of("questionId", "correct", "chosen", "correctChoices")) {
            JSONArray fromEvent = JsonPath.read(event, "$.data.results[*]." + field);
            JSONArray fromResponse = JsonPath.read(body, "$.results[*]." + field);
            assertThat(fromEvent).as(field).isEqualTo(fromResponse);
        }
    }

    @Test
    void theResponseGivesPerQuestionTheRightChoicesTheExplanationAndTheTopic() {
        String body = http().post(ATTEMPTS, FOUR_RIGHT).getBody();

        assertThat(JsonPath.<Boolean>read(body, "$.results[3].correct")).isFalse();
        assertThat(JsonPath.<List<String>>read(body, "$.results[3].chosen")).containsExactly("a");
        assertThat(JsonPath.<List<String>>read(body, "$.results[3].correctChoices"))
                .containsExactly("a", "b", "d");
        assertThat(JsonPath.<String>read(body, "$.results[3].explanation")).contains("single point of failure");
        assertThat(JsonPath.<String>read(body, "$.results[3].topicSlug")).isEqualTo("vertical-scaling");
    }

    @Test
    void aSingleChoiceQuestionIsRightOnlyWithTheOneRightChoice() {
        String body = http().post(ATTEMPTS, ALL_RIGHT.replace("\"q1\": [\"a\"]", "\"q1\": [\"a\", \"b\"]"))
                .getBody();

        assertThat(JsonPath.<Boolean>read(body, "$.results[0].correct")).isFalse();
        assertThat(JsonPath.<Integer>read(body, "$.score")).isEqualTo(4);
    }

    @Test
    void aMultipleChoiceQuestionIsRightOnlyWithExactlyTheRightSetInAnyOrder() {
        String subset = http().post(
                        ATTEMPTS, ALL_RIGHT.replace("[\"a\", \"b\", \"d\"], \"q3\"", "[\"a\", \"b\"], \"q3\""))
                .getBody();
        String superset = http().post(
                        ATTEMPTS,
                        ALL_RIGHT.replace("[\"a\", \"b\", \"d\"], \"q3\"", "[\"a\", \"b\", \"c\", \"d\"], \"q3\""))
                .getBody();
        String reordered = http().post(
                        ATTEMPTS,
                        ALL_RIGHT.replace("[\"a\", \"b\", \"d\"], \"q3\"", "[\"d\", \"a\", \"b\", \"a\"], \"q3\""))
                .getBody();

        assertThat(JsonPath.<Boolean>read(subset, "$.results[1].correct")).isFalse();
        assertThat(JsonPath.<Boolean>read(superset, "$.results[1].correct")).isFalse();
        assertThat(JsonPath.<Boolean>read(reordered, "$.results[1].correct")).isTrue();
        assertThat(JsonPath.<Integer>read(reordered, "$.score")).isEqualTo(5);
    }

    @Test
    void malformedJsonIsA400AndRecordsNothing() {
        String requestId = "malformed-" + UUID.randomUUID();

        ResponseEntity<String> response = http().post(ATTEMPTS, "{\"answers\": {\"q1\": [", "X-Request-Id", requestId);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(JsonPath.<String>read(response.getBody(), "$.requestId")).isEqualTo(requestId);
        assertNothingRecordedFor(requestId);
    }

    @Test
    void answersThatDoNotFitAreA422NamingEveryIdAndRecordNothing() {
        String requestId = "unfit-" + UUID.randomUUID();

        ResponseEntity<String> response = http().post(ATTEMPTS, """
                        {"answers": {"q1": ["a"], "q2": ["a", "z"], "q3": ["b"], "q4": ["a"], "q9": ["a"]}}""", "X-Request-Id", requestId);

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.unknownQuestions"))
                .containsExactly("q9");
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.unansweredQuestions"))
                .containsExactly("q5");
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.unknownChoices"))
                .containsExactly("q2/z");
        assertNothingRecordedFor(requestId);
    }

    @Test
    void anUnknownQuizIsA404Problem() {
        ResponseEntity<String> response = http().post("/api/quizzes/no-such-quiz/attempts", ALL_RIGHT);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(JsonPath.<String>read(response.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:quiz-not-found");
    }

    @Test
    void aReplayGetsTheSameStatusAndBodyAndRecordsNothingNew() {
        String key = UUID.randomUUID().toString();

        ResponseEntity<String> first = http().post(ATTEMPTS, FOUR_RIGHT, "Idempotency-Key", key);
        ResponseEntity<String> replay = http().post(ATTEMPTS, FOUR_RIGHT, "Idempotency-Key", key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getBody()).isEqualTo(first.getBody());
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(AttemptsTopic.withId(kafka, JsonPath.read(first.getBody(), "$.attemptId")))
                .hasSize(1);
    }

    @Test
    void aSemanticallyEqualBodyIsAReplay() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<String> first = http().post(ATTEMPTS, FOUR_RIGHT, "Idempotency-Key", key);

        ResponseEntity<String> reordered = http().post(ATTEMPTS, """
                        {"answers": {"q5": ["c"], "q4": ["a", "a"], "q3": ["b"],
                                     "q2": ["d", "b", "a"], "q1": ["a"]}}""", "Idempotency-Key", key);

        assertThat(reordered.getStatusCode().value()).isEqualTo(201);
        assertThat(reordered.getBody()).isEqualTo(first.getBody());
    }

    @Test
    void theSameKeyWithADifferentBodyIsA422AndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<String> first = http().post(ATTEMPTS, FOUR_RIGHT, "Idempotency-Key", key);

        ResponseEntity<String> different = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);
        ResponseEntity<String> otherQuiz = http().post("/api/quizzes/orm/attempts", FOUR_RIGHT, "Idempotency-Key", key);

        assertThat(different.getStatusCode().value()).isEqualTo(422);
        assertThat(JsonPath.<String>read(different.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:idempotency-key-reused");
        assertThat(otherQuiz.getStatusCode().value()).isEqualTo(422);
        assertThat(AttemptsTopic.withId(kafka, JsonPath.read(first.getBody(), "$.attemptId")))
                .hasSize(1);
    }

    @Test
    void aKeyedAttemptThatFailedLeavesTheKeyFreeForItsRetry() {
        String key = UUID.randomUUID().toString();

        ResponseEntity<String> unfit =
                http().post(ATTEMPTS, "{\"answers\": {\"q1\": [\"a\"]}}", "Idempotency-Key", key);
        ResponseEntity<String> fixed = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);

        assertThat(unfit.getStatusCode().value()).isEqualTo(422);
        assertThat(fixed.getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void theAttemptIdOfAKeyedAttemptIsDerivedFromTheUserAndTheKey() {
        String key = UUID.randomUUID().toString();

        String body = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key).getBody();

        assertThat(JsonPath.<String>read(body, "$.attemptId"))
                .isEqualTo(UUID.nameUUIDFromBytes(("quiz.attempts\n" + USER + "\n" + key)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
    }

    @Test
    void idempotencyKeysArePerUserSoTheSameKeyFromAnotherUserIsAnotherAttempt() {
        String key = UUID.randomUUID().toString();

        ResponseEntity<String> ada = http().post(ATTEMPTS, FOUR_RIGHT, "Idempotency-Key", key);
        ResponseEntity<String> bob =
                new Http(port).as("bob", "user").post(ATTEMPTS, FOUR_RIGHT, "Idempotency-Key", key);

        assertThat(ada.getStatusCode().value()).isEqualTo(201);
        assertThat(bob.getStatusCode().value()).isEqualTo(201);
        assertThat(bob.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        String adaAttempt = JsonPath.read(ada.getBody(), "$.attemptId");
        String bobAttempt = JsonPath.read(bob.getBody(), "$.attemptId");
        assertThat(bobAttempt).isNotEqualTo(adaAttempt);
        assertThat(AttemptsTopic.withId(kafka, bobAttempt))
                .singleElement()
                .satisfies(record -> assertThat(JsonPath.<String>read(record.value(), "$.data.userId"))
                        .isEqualTo("bob"));
        assertThat(AttemptsTopic.withId(kafka, adaAttempt))
                .singleElement()
                .satisfies(record -> assertThat(JsonPath.<String>read(record.value(), "$.data.userId"))
                        .isEqualTo(USER));
    }

    private void assertNothingRecordedFor(String requestId) {
        assertThat(AttemptsTopic.all(kafka))
                .noneMatch(record -> requestId.equals(AttemptsTopic.header(record, "request-id")));
    }
}
