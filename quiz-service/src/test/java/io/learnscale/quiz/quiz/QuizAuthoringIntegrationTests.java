package io.learnscale.quiz.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.quiz.Http;
import io.learnscale.quiz.QuizServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Authoring against real PostgreSQL and Redis: validation, and every change visible at once through the caches. An
 * author writes; a signed-in user takes the quizzes.
 */
@QuizServiceIntegrationTest
class QuizAuthoringIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    private final String id = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeTheQuiz() {
        http().delete("/api/quizzes/" + id);
    }

    @Test
    void aCreatedQuizIsServedListedAndGraded() {
        ResponseEntity<String> created = http().post("/api/quizzes", quiz(id, "Created", "a"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/quizzes/" + id);
        String served = http().get("/api/quizzes/" + id).getBody();
        assertThat(JsonPath.<String>read(served, "$.title")).isEqualTo("Created");
        assertThat(served).doesNotContain("correct").doesNotContain("explanation");
        assertThat(JsonPath.<List<String>>read(
                        http().get("/api/quizzes?section=python-in-practice").getBody(), "$[*].id"))
                .contains(id);
        assertThat(score(id, "a")).isEqualTo(1);
    }

    @Test
    void aReadIsCachedInRedisAndASecondReadIsServedWithoutTheDatabase() {
        http().post("/api/quizzes", quiz(id, "Cached", "a"));
        double localHits = localHits();

        http().get("/api/quizzes/" + id);
        http().get("/api/quizzes/" + id);

        assertThat(redis.opsForHash().get(QuizCache.quizKey(id), "json"))
                .asString()
                .contains("Cached");
        assertThat(localHits()).isGreaterThan(localHits);
    }

    @Test
    void aReplacementIsServedAndGradedAtOnceDespiteTheCaches() {
        http().post("/api/quizzes", quiz(id, "Before", "a"));
        http().get("/api/quizzes/" + id);
        http().get("/api/quizzes?section=python-in-practice");

        ResponseEntity<String> replaced = http().put("/api/quizzes/" + id, quiz(id, "After", "b"));

        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<String>read(http().get("/api/quizzes/" + id).getBody(), "$.title"))
                .isEqualTo("After");
        assertThat(JsonPath.<List<String>>read(
                        http().get("/api/quizzes?section=python-in-practice").getBody(), "$[*].title"))
                .contains("After")
                .doesNotContain("Before");
        assertThat(score(id, "b")).isEqualTo(1);
    }

    @Test
    void aDeletedQuizIsGoneAtOnceDespiteTheCaches() {
        http().post("/api/quizzes", quiz(id, "Doomed", "a"));
        http().get("/api/quizzes/" + id);

        ResponseEntity<String> deleted = http().delete("/api/quizzes/" + id);

        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(http().get("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(404);
        assertThat(taker().post("/api/quizzes/" + id + "/attempts", "{\"answers\": {\"q1\": [\"a\"]}}")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(http().delete("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aSecondQuizWithTheSameIdIsA409() {
        http().post("/api/quizzes", quiz(id, "First", "a"));

        ResponseEntity<String> again = http().post("/api/quizzes", quiz(id, "Second", "a"));

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(JsonPath.<String>read(http().get("/api/quizzes/" + id).getBody(), "$.title"))
                .isEqualTo("First");
    }

    @Test
    void aQuestionWithoutACorrectChoiceIsA422AndNothingIsStored() {
        ResponseEntity<String> response = http().post("/api/quizzes", quiz(id, "Broken", "none"));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(JsonPath.<String>read(response.getBody(), "$.errors[0].field"))
                .isEqualTo("questions[0].choices");
        assertThat(http().get("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aBodyOutsideTheLimitsIsA400WithFieldErrors() {
        ResponseEntity<String> response = http().post(
                        "/api/quizzes",
                        quiz(id, "x".repeat(201), "a")
                                .replace("\"section\": \"python-in-practice\"", "\"section\": \"Not A Slug\""));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field"))
                .containsExactlyInAnyOrder("title", "section");
    }

    @Test
    void replacingWithAnotherIdInTheBodyIsA422() {
        http().post("/api/quizzes", quiz(id, "Mine", "a"));

        ResponseEntity<String> response = http().put("/api/quizzes/" + id, quiz("test-other", "Other", "a"));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void replacingAnUnknownQuizIsA404() {
        assertThat(http().put("/api/quizzes/" + id, quiz(id, "Nobody", "a"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    private int score(String quiz, String choice) {
        ResponseEntity<String> attempt =
                taker().post("/api/quizzes/" + quiz + "/attempts", "{\"answers\": {\"q1\": [\"" + choice + "\"]}}");
        assertThat(attempt.getStatusCode().value()).isEqualTo(201);
        return JsonPath.read(attempt.getBody(), "$.score");
    }

    private double localHits() {
        var counter = meters.find("cache.gets")
                .tags("cache", "quizzes", "level", "local", "result", "hit")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** An author: may create, replace and delete quizzes. */
    private Http http() {
        return new Http(port).as("author-1", "author");
    }

    /** Someone taking the quizzes. */
    private Http taker() {
        return new Http(port).as("ada", "user");
    }

    /**
     * A one-question quiz on topic orm, section python-in-practice, whose right choice is {@code right} ("none": no
     * right choice).
     */
    static String quiz(String id, String title, String right) {
        return """
                {"id": "%s", "section": "python-in-practice", "title": "%s",
                 "questions": [{"id": "q1", "text": "What does ORM stand for?", "explanation": "Object-Relational Mapping.",
                                "topicSlug": "orm",
                                "choices": [{"id": "a", "text": "Object-Relational Mapping", "correct": %s},
                                            {"id": "b", "text": "Object Runtime Model", "correct": %s}]}]}""".formatted(id, title, right.equals("a"), right.equals("b"));
    }
}
