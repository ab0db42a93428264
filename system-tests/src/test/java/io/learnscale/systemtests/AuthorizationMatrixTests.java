package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, through the gateway (DESIGN: Public API, Security): every operation × anonymous, user,
 * author, admin, an expired token and a forged one, with the status each must get and no write visible after a
 * refusal.
 */
@Order(25)
class AuthorizationMatrixTests {

    enum Caller {
        ANONYMOUS,
        USER,
        AUTHOR,
        ADMIN,
        EXPIRED,
        FORGED
    }

    private final String gateway = SystemStack.get().gatewayUrl();
    private final String secret = SystemStack.get().jwtSecret();
    private final List<String> mismatches = new ArrayList<>();
    private final Set<String> checked = new TreeSet<>();

    @Test
    void everyOperationAnswersEveryCallerAsDesigned() {
        check("GET /api/sections", c -> get("/api/sections"), open(200));
        check("GET /api/topics", c -> get("/api/topics"), open(200));
        check("GET /api/topics/{slug}", c -> get("/api/topics/horizontal-scaling"), open(200));
        check("GET /api/quizzes", c -> get("/api/quizzes"), open(200));
        check("GET /api/quizzes/{id}", c -> get("/api/quizzes/scaling-techniques"), open(200));
        check("GET /api/search", c -> get("/api/search?q=scaling"), open(200));
        check("GET /api/analytics/quizzes/{id}", c -> get("/api/analytics/quizzes/scaling-techniques"), open(200));
        check("GET /api/analytics/leaderboard", c -> get("/api/analytics/leaderboard"), open(200));
        check(
                "GET /api/analytics/users/{user}", // ada's: USER is ada
                c -> get("/api/analytics/users/ada"),
                statuses(401, 200, 403, 200, 401, 401));

        Map<Caller, String> created = new LinkedHashMap<>();
        check(
                "POST /api/topics",
                c -> {
                    String slug = "matrix-" + c.name().toLowerCase() + "-"
                            + UUID.randomUUID().toString().substring(0, 8);
                    created.put(c, slug);
                    return json("POST", "/api/topics", "application/json", """
                            {"slug": "%s", "section": "apis", "title": "Matrix", "body": "Written by the matrix."}""".formatted(slug));
                },
                writes(201));
        created.forEach((caller, slug) -> {
            int expected = caller == Caller.AUTHOR || caller == Caller.ADMIN ? 200 : 404;
            assertThat(Http.get(gateway + "/api/topics/" + slug).statusCode())
                    .as("topic written by %s visible", caller)
                    .isEqualTo(expected);
        });
        String topic = created.get(Caller.AUTHOR);
        check(
                "PATCH /api/topics/{slug}",
                c -> json("PATCH", "/api/topics/" + topic, "application/merge-patch+json", "{\"title\": \"Patched\"}")
                        .header("If-Match", "*"),
                writes(200));
        check(
                "PUT /api/topics/{slug}",
                c -> json("PUT", "/api/topics/" + topic, "application/json", """
                        {"slug": "%s", "section": "apis", "title": "Put", "body": "Replaced."}""".formatted(topic))
                        .header("If-Match", "*"),
                writes(200));
        check(
                "DELETE /api/topics/{slug}",
                c -> request("DELETE", "/api/topics/" + created.get(c == Caller.ADMIN ? Caller.ADMIN : Caller.AUTHOR)),
                statuses(401, 403, 204, 204, 401, 401));

        String quiz = "matrix-quiz-" + UUID.randomUUID().toString().substring(0, 8);
        check(
                "POST /api/quizzes",
                c -> json(
                        "POST",
                        "/api/quizzes",
                        "application/json",
                        quizBody(quiz + "-" + c.name().toLowerCase())),
                writes(201));
        check(
                "PUT /api/quizzes/{id}",
                c -> json("PUT", "/api/quizzes/" + quiz + "-author", "application/json", quizBody(quiz + "-author")),
                writes(200));
        check(
                "DELETE /api/quizzes/{id}",
                c -> request("DELETE", "/api/quizzes/" + quiz + "-" + (c == Caller.ADMIN ? "admin" : "author")),
                statuses(401, 403, 204, 204, 401, 401));
        assertThat(Http.get(gateway + "/api/quizzes/" + quiz + "-user").statusCode())
                .as("quiz refused to a user")
                .isEqualTo(404);

        check(
                "POST /api/quizzes/{id}/attempts",
                c -> json("POST", "/api/quizzes/scaling-techniques/attempts", "application/json", """
                        {"answers": {"q1": ["a"], "q2": ["a"], "q3": ["b"], "q4": ["a"], "q5": ["c"]}}"""),
                statuses(401, 201, 201, 201, 401, 401));
        check(
                "POST /api/admin/analytics/rebuild",
                c -> request("POST", "/api/admin/analytics/rebuild"),
                statuses(401, 403, 403, 202, 401, 401));
        check(
                "GET /api/admin/analytics/rebuild",
                c -> get("/api/admin/analytics/rebuild"),
                statuses(401, 403, 403, 200, 401, 401));
        check(
                "POST /auth/token",
                c -> json("POST", "/auth/token", "application/json", "{\"user\": \"ada\", \"roles\": [\"user\"]}"),
                statuses(200, 200, 200, 200, 401, 401));

        assertThat(mismatches).isEmpty();
        // every operation the services document has its row: a new endpoint cannot skip the matrix
        assertThat(checked)
                .containsAll(OpenApi.operations(gateway).stream()
                        .map(OpenApi.Operation::label)
                        .toList());
    }

    private void check(String operation, Function<Caller, HttpRequest.Builder> request, Map<Caller, Integer> expected) {
        checked.add(operation);
        for (Caller caller : Caller.values()) {
            HttpRequest.Builder builder = request.apply(caller);
            token(caller).ifPresent(token -> builder.header("Authorization", "Bearer " + token));
            HttpResponse<String> response = Http.send(builder);
            int want = expected.get(caller);
            if (response.statusCode() != want) {
                mismatches.add("%s as %s: %d, expected %d (%s)"
                        .formatted(operation, caller, response.statusCode(), want, response.body()));
            } else if (want >= 400) {
                assertThat(response.headers().firstValue("Content-Type"))
                        .as("%s as %s", operation, caller)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
        }
    }

    private java.util.Optional<String> token(Caller caller) {
        Instant valid = Instant.now().plus(Duration.ofMinutes(15));
        return java.util.Optional.ofNullable(
                switch (caller) {
                    case ANONYMOUS -> null;
                    case USER -> TestTokens.sign(secret, "ada", List.of("user"), valid);
                    case AUTHOR -> TestTokens.sign(secret, "author-1", List.of("author"), valid);
                    case ADMIN -> TestTokens.sign(secret, "root", List.of("admin"), valid);
                    case EXPIRED ->
                        TestTokens.sign(
                                secret, "ada", List.of("admin"), Instant.now().minusSeconds(300));
                    case FORGED -> TestTokens.forged("ada", "admin");
                });
    }

    private static Map<Caller, Integer> open(int status) {
        return statuses(status, status, status, status, 401, 401);
    }

    /** Authors and admins may write; a signed-in user may not. */
    private static Map<Caller, Integer> writes(int status) {
        return statuses(401, 403, status, status, 401, 401);
    }

    private static Map<Caller, Integer> statuses(int... byCaller) {
        Map<Caller, Integer> expected = new LinkedHashMap<>();
        for (Caller caller : Caller.values()) {
            expected.put(caller, byCaller[caller.ordinal()]);
        }
        return expected;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).GET();
    }

    private HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).method(method, HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder json(String method, String path, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static String quizBody(String id) {
        return """
                {"id": "%s", "section": "apis", "title": "Matrix quiz",
                 "questions": [{"id": "q1", "text": "Is this a test?", "explanation": "It is.", "topicSlug": "what-is-an-api",
                                "choices": [{"id": "a", "text": "Yes", "correct": true},
                                            {"id": "b", "text": "No", "correct": false}]}]}""".formatted(id);
    }
}
