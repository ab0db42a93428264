package io.learnscale.quiz;

import static io.learnscale.testsupport.AccessAssertions.assertForbidden;
import static io.learnscale.testsupport.AccessAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.TestTokens;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Who may do what, asked straight of quiz-service on its own port as a client bypassing the gateway would (DESIGN:
 * Security): reads are public, authoring needs {@code author} (or {@code admin}), an attempt needs a signed-in user and
 * is recorded under the token's {@code sub}; a token that is presented must be valid, even on a public read.
 */
@QuizServiceIntegrationTest
class QuizAccessTests {

    static final String SEEDED = "/api/quizzes/scaling-techniques";
    static final String ATTEMPTS = SEEDED + "/attempts";

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    private final String id = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeTheQuiz() {
        new Http(port).as("root", "admin").delete("/api/quizzes/" + id);
    }

    @Test
    void anyoneReadsQuizzesAndTheApiDocsWithoutAToken() {
        Http anonymous = new Http(port);

        assertThat(anonymous.get("/api/quizzes").getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.get(SEEDED).getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aWriteWithoutATokenIsA401ProblemAndChangesNothing() {
        Http anonymous = new Http(port);
        String requestId = "anonymous-write-" + UUID.randomUUID();

        ResponseEntity<String> created =
                anonymous.post("/api/quizzes", quiz(id, "Anonymous"), "X-Request-Id", requestId);

        assertUnauthorized(created);
        assertThat(created.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(JsonPath.<String>read(created.getBody(), "$.requestId")).isEqualTo(requestId);
        assertUnauthorized(anonymous.put(SEEDED, quiz("scaling-techniques", "Anonymous")));
        assertUnauthorized(anonymous.delete(SEEDED));
        assertThat(anonymous.get("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(404);
        assertThat(JsonPath.<String>read(anonymous.get(SEEDED).getBody(), "$.title"))
                .isNotEqualTo("Anonymous");
    }

    @Test
    void aUserMayNotAuthorQuizzesA403ProblemAndNothingChanges() {
        Http user = new Http(port).as("ada", "user");

        ResponseEntity<String> created = user.post("/api/quizzes", quiz(id, "By a user"));

        assertForbidden(created);
        assertForbidden(user.put(SEEDED, quiz("scaling-techniques", "By a user")));
        assertForbidden(user.delete(SEEDED));
        assertThat(user.get("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> seeded = user.get(SEEDED);
        assertThat(seeded.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<String>read(seeded.getBody(), "$.title")).isNotEqualTo("By a user");
    }

    @Test
    void anAuthorCreatesReplacesAndDeletesAQuiz() {
        Http author = new Http(port).as("author-1", "author");

        assertThat(author.post("/api/quizzes", quiz(id, "Authored"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(author.put("/api/quizzes/" + id, quiz(id, "Revised"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(JsonPath.<String>read(
                        new Http(port).get("/api/quizzes/" + id).getBody(), "$.title"))
                .isEqualTo("Revised");
        assertThat(author.delete("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void anAdminMayAuthorToo() {
        Http admin = new Http(port).as("root", "admin");

        assertThat(admin.post("/api/quizzes", quiz(id, "By an admin"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(admin.delete("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void anExpiredForgedOrUnsignedTokenIsA401EvenOnAPublicRead() {
        for (String token : TestTokens.invalid()) {
            Http bad = new Http(port).withToken(token);

            assertUnauthorized(bad.get(SEEDED));
            assertUnauthorized(bad.get("/api/quizzes"));
            assertUnauthorized(bad.get("/v3/api-docs"));
        }
    }

    @Test
    void aForgedOrUnsignedAdminTokenSentStraightToTheServiceWritesNothing() {
        for (String token : List.of(TestTokens.forged("root", "admin", "author"), TestTokens.unsigned("root"))) {
            Http bad = new Http(port).withToken(token);

            assertUnauthorized(bad.post("/api/quizzes", quiz(id, "Forged")));
            assertUnauthorized(bad.put(SEEDED, quiz("scaling-techniques", "Forged")));
            assertUnauthorized(bad.delete(SEEDED));
            assertUnauthorized(bad.post(ATTEMPTS, AttemptIntegrationTests.ALL_RIGHT));
        }
        Http anonymous = new Http(port);
        assertThat(anonymous.get("/api/quizzes/" + id).getStatusCode().value()).isEqualTo(404);
        assertThat(JsonPath.<String>read(anonymous.get(SEEDED).getBody(), "$.title"))
                .isNotEqualTo("Forged");
    }

    @Test
    void anAttemptWithoutATokenIsA401AndRecordsNothing() {
        String requestId = "anonymous-attempt-" + UUID.randomUUID();

        ResponseEntity<String> refused =
                new Http(port).post(ATTEMPTS, AttemptIntegrationTests.ALL_RIGHT, "X-Request-Id", requestId);

        assertUnauthorized(refused);
        assertThat(AttemptsTopic.all(kafka))
                .noneMatch(record -> requestId.equals(AttemptsTopic.header(record, "request-id")));
    }

    @Test
    void aUsersAttemptIsRecordedUnderTheTokensSubject() {
        String user = "grace-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<String> attempt =
                new Http(port).as(user, "user").post(ATTEMPTS, AttemptIntegrationTests.ALL_RIGHT);

        assertThat(attempt.getStatusCode().value()).isEqualTo(201);
        List<ConsumerRecord<String, String>> records =
                AttemptsTopic.withId(kafka, JsonPath.read(attempt.getBody(), "$.attemptId"));
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().key()).isEqualTo(user);
        assertThat(JsonPath.<String>read(records.getFirst().value(), "$.data.userId"))
                .isEqualTo(user);
    }

    @Test
    void authorsAndAdminsMayTakeQuizzesButATokenWithoutARoleMayNot() {
        assertThat(new Http(port)
                        .as("author-1", "author")
                        .post(ATTEMPTS, AttemptIntegrationTests.ALL_RIGHT)
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertThat(new Http(port)
                        .as("root", "admin")
                        .post(ATTEMPTS, AttemptIntegrationTests.ALL_RIGHT)
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        assertForbidden(new Http(port).as("nobody").post(ATTEMPTS, AttemptIntegrationTests.ALL_RIGHT));
    }

    private static String quiz(String id, String title) {
        return """
                {"id": "%s", "section": "orm", "title": "%s",
                 "questions": [{"id": "q1", "text": "What does ORM stand for?", "explanation": "Object-Relational Mapping.",
                                "topicSlug": "orm",
                                "choices": [{"id": "a", "text": "Object-Relational Mapping", "correct": true},
                                            {"id": "b", "text": "Object Runtime Model", "correct": false}]}]}""".formatted(id, title);
    }
}
