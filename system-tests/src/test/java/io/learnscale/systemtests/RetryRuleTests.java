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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * DESIGN: Retry at the gateway. An attempt POST whose connection is reset before any answer is retried on another
 * instance only when it carries an Idempotency-Key; without one the gateway cannot know whether the instance took
 * it, so the caller gets the error and nothing is counted twice. The connection is reset for real: the instance is
 * frozen (SIGSTOP) while the requests reach it, then killed (kill -9).
 */
@Order(70)
class RetryRuleTests {

    private static final int REQUESTS = 6;

    private final Stack stack = SystemStack.get();

    @Test
    void anUnkeyedAttemptIsNeverRetriedAndNothingIsCountedTwice() {
        String user = "unkeyed-" + UUID.randomUUID().toString().substring(0, 8);
        List<HttpResponse<String>> responses = resetWhileInFlight(user, false);

        List<HttpResponse<String>> accepted =
                responses.stream().filter(r -> r.statusCode() == 201).toList();
        List<HttpResponse<String>> refused =
                responses.stream().filter(r -> r.statusCode() != 201).toList();
        System.out.printf(
                "unkeyed attempts through a reset instance: sent %d, accepted %d, refused %s%n",
                REQUESTS,
                accepted.size(),
                refused.stream().map(HttpResponse::statusCode).toList());

        assertThat(refused).as("the ones the frozen instance held").isNotEmpty();
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isIn(502, 503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(awaitCounted(user, accepted.size())).isEqualTo(accepted.size());
    }

    @Test
    void aKeyedAttemptIsRetriedOnAnotherInstanceAndCountedOnce() {
        String user = "keyed-" + UUID.randomUUID().toString().substring(0, 8);
        List<HttpResponse<String>> responses = resetWhileInFlight(user, true);

        System.out.printf(
                "keyed attempts through a reset instance: sent %d, answers %s%n",
                REQUESTS, responses.stream().map(HttpResponse::statusCode).toList());
        assertThat(responses)
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
        assertThat(awaitCounted(user, REQUESTS)).isEqualTo(REQUESTS);
    }

    /** Three quiz instances; the third frozen, the requests sent (a third reach it), then the third killed. */
    private List<HttpResponse<String>> resetWhileInFlight(String user, boolean keyed) {
        stack.scale(Service.QUIZ, 3);
        AppInstance victim = stack.instances(Service.QUIZ).getLast();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Http.servedBy(Http.get(stack.gatewayUrl() + "/api/quizzes"))
                        .equals(victim.id()));
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            victim.freeze();
            List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, REQUESTS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.send(attempt(user, keyed)), clients))
                    .toList();
            try {
                // the gateway's in-flight gauges: every request sent on (or already answered), some of them held
                // by the frozen instance; answers counted first, so no request counts twice
                await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                    long answered = answered(inFlight);
                    int sent = outstanding("service:" + Service.QUIZ.serviceName());
                    assertThat(outstanding("upstream:" + victim.id()))
                            .as("held by " + victim.id())
                            .isPositive();
                    assertThat(answered + sent).as("answered or sent on").isEqualTo(REQUESTS);
                });
            } finally {
                victim.kill();
            }
            return inFlight.stream().map(CompletableFuture::join).toList();
        } finally {
            await().atMost(Duration.ofSeconds(10)).until(() -> !victim.alive());
            stack.scale(Service.QUIZ, 2);
        }
    }

    private HttpRequest.Builder attempt(String user, boolean keyed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/api/quizzes/scaling-techniques/attempts"))
                .header("Authorization", Tokens.bearer(user, "user"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"answers": {"q1": ["a"], "q2": ["a"], "q3": ["b"], "q4": ["a"], "q5": ["c"]}}"""));
        if (keyed) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return request;
    }

    /**
     * The user's attempts in the analytics once {@code expected} arrived and no late duplicate followed for two
     * seconds; returns what they count at the end, so the caller's assertion reports a duplicate.
     */
    private long awaitCounted(String user, long expected) {
        String url = stack.gatewayUrl() + "/api/analytics/users/" + user;
        await().atMost(Duration.ofSeconds(30)).until(() -> counted(url, user) >= expected);
        try {
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> counted(url, user) == expected);
        } catch (ConditionTimeoutException e) {
            // reported by the caller's assertion
        }
        return counted(url, user);
    }

    /** Requests the gateway has sent on and not yet had answered, summed over the series that have this tag. */
    private int outstanding(String tag) {
        String url = stack.instances(Service.GATEWAY).getFirst().managementUrl()
                + "/actuator/metrics/gateway.upstream.requests.in.flight?tag=" + tag;
        return JsonPath.<Number>read(Http.get(url).body(), "$.measurements[0].value")
                .intValue();
    }

    private static long answered(List<CompletableFuture<HttpResponse<String>>> requests) {
        return requests.stream().filter(CompletableFuture::isDone).count();
    }

    private static long counted(String url, String user) {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", Tokens.bearer(user, "user")));
        return response.statusCode() == 200
                ? JsonPath.<Number>read(response.body(), "$.attempts").longValue()
                : 0;
    }
}
