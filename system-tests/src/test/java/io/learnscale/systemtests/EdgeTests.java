package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the one public door: its own errors, a hung instance, a killed quiz instance (DESIGN: Retry); a
 * content instance killed under steady traffic is in {@link FaultTests}.
 */
@Order(30)
class EdgeTests {

    private final Stack stack = SystemStack.get();

    @Test
    void everyErrorTheGatewayMakesIsProblemJsonWithTheRequestId() {
        assertProblem(Http.get(stack.gatewayUrl() + "/api/no-such-thing"), 404);
        assertProblem(Http.get(stack.gatewayUrl() + "/no-such-page"), 404); // "/" leads to the dashboard
        assertProblem(
                Http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/topics"))
                        .method("TRACE", HttpRequest.BodyPublishers.noBody())),
                405);
        String huge = "{\"body\": \"" + "x".repeat(400_000) + "\"}";
        assertProblem(
                Http.postJson(stack.gatewayUrl() + "/api/topics", huge, Tokens.bearer("author-1", "author")), 413);
        // refused by the HTTP decoder, before routing: a request line over 4 KB, header fields over 8 KB
        assertProblem(Http.get(stack.gatewayUrl() + "/api/topics?q=" + "x".repeat(5000)), 414);
        assertProblem(
                Http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/topics"))
                        .header("X-Filler", "x".repeat(9000))),
                431);
    }

    /** What the gateway accepts, its own headers added, every service accepts too: no error page from Tomcat. */
    @Test
    void aRequestAtTheGatewaysLimitsReachesTheService() {
        String value = "v".repeat(3900); // with the rest of the request line, just under 4 KB
        for (String path : List.of("/api/topics?tag=", "/api/quizzes?section=", "/api/search?q=")) {
            HttpResponse<String> response =
                    Http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path + value))
                            .header("X-Filler", "f".repeat(7600))); // with the client's other headers, just under 8 KB
            assertThat(response.statusCode()).as(path + ": " + response.body()).isLessThan(500);
            assertThat(response.headers().firstValue("X-Served-By")).as(path).isPresent();
            if (response.statusCode() >= 400) {
                assertProblem(response, response.statusCode());
            }
        }
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        HttpResponse<String> response = Http.get(stack.gatewayUrl() + "/api/topics");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aHungInstanceGivesA504ProblemAndThenLeavesTheRotation() {
        AppInstance hung = stack.instances(Service.CONTENT).getFirst();
        hung.freeze();
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> Http.get(stack.gatewayUrl() + "/api/topics")));
            }
            List<HttpResponse<String>> responses =
                    calls.stream().map(CompletableFuture::join).toList();
            assertThat(responses).extracting(HttpResponse::statusCode).contains(504);
            responses.stream().filter(r -> r.statusCode() == 504).forEach(r -> assertProblem(r, 504));

            // readiness fails on the hung instance, so it stops getting traffic
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (int i = 0; i < 6; i++) {
                    HttpResponse<String> response = Http.get(stack.gatewayUrl() + "/api/topics");
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(Http.servedBy(response)).isNotEqualTo(hung.id());
                }
            });
        } finally {
            hung.resume();
        }
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(servedBy(10)).contains(hung.id()));
    }

    @Test
    void keyedAttemptsCountExactlyOnceAcrossAKilledQuizInstance() {
        String analytics = stack.gatewayUrl() + "/api/analytics/quizzes/scaling-techniques";
        stack.scale(Service.QUIZ, 2);
        int before = JsonPath.read(Http.get(analytics).body(), "$.attempts");
        AppInstance victim = stack.instances(Service.QUIZ).getLast();
        int accepted = 0;
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                victim.kill();
            }
            HttpResponse<String> response = Http.send(
                    HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/quizzes/scaling-techniques/attempts"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "edge-" + System.nanoTime())
                            .header("Authorization", Tokens.bearer("taker-" + i, "user"))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"answers\": {\"q1\": [\"a\"], \"q2\": [\"a\"], \"q3\": [\"b\"], \"q4\": [\"a\"],"
                                            + " \"q5\": [\"c\"]}}")));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            accepted++;
        }
        int expected = before + accepted;
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                JsonPath.<Integer>read(Http.get(analytics).body(), "$.attempts"))
                        .isEqualTo(expected));
        stack.scale(Service.QUIZ, 2);
    }

    private java.util.Set<String> servedBy(int requests) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < requests; i++) {
            seen.add(Http.servedBy(Http.get(stack.gatewayUrl() + "/api/topics")));
        }
        return seen;
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
        assertThat(JsonPath.<String>read(response.body(), "$.requestId"))
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
