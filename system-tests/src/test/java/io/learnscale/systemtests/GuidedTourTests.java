package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.tour.DemoTraffic;
import io.learnscale.launcher.tour.EventWatch;
import io.learnscale.launcher.tour.RequestTrail;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The guided tour's commands (README: Concepts in running form) against the running stack. */
@Order(35)
class GuidedTourTests {

    private final Stack stack = SystemStack.get();

    @Test
    void demoTrafficIsMixedBoundedAndSharedByTheInstances() throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        DemoTraffic.Summary summary = new DemoTraffic(stack.gatewayUrl(), 15, Duration.ofSeconds(8)).run(progress::add);

        System.out.println(String.join("\n", progress));
        assertThat(summary.sent()).isBetween(100L, 140L);
        long failed = summary.statuses().entrySet().stream()
                .filter(status -> !status.getKey().matches("2\\d\\d|304|412"))
                .mapToLong(status -> status.getValue())
                .sum();
        assertThat(failed)
                .as("answers other than 2xx, 304, 412: %s", summary.statuses())
                .isZero();
        assertThat(summary.servedBy().keySet())
                .contains("content-service-1", "content-service-2")
                .anyMatch(instance -> instance.startsWith("quiz-service-"))
                .anyMatch(instance -> instance.startsWith("search-service-"));
    }

    @Test
    void oneAttemptCanBeFollowedFromTheGatewayThroughKafkaToTheWorker() {
        String requestId = "tour-" + UUID.randomUUID();
        var response = Http.send(attempt("tourist", requestId)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).isEqualTo(201);
        String quizInstance = Http.servedBy(response);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            RequestTrail trail = RequestTrail.find(stack.logsDirectory(), requestId);
            assertThat(trail.instances()).contains("gateway-1", quizInstance);
            assertThat(trail.instances()).anyMatch(instance -> instance.startsWith("search-service-"));
            assertThat(trail.lines())
                    .extracting(RequestTrail.Line::traceId)
                    .containsOnly(trail.lines().getFirst().traceId());
            String rendered = trail.render();
            assertThat(rendered)
                    .containsPattern("gateway-1 .* POST /api/quizzes/scaling-techniques/attempts status=201 .*upstream="
                            + quizInstance)
                    .containsPattern(quizInstance + " .* recorded at quiz\\.attempts-\\d@\\d+")
                    .containsPattern("search-service-\\d .* Applied attempt .* from quiz\\.attempts-\\d@\\d+");
        });
    }

    @Test
    void theEventWatchShowsTheRecordAnAttemptProduced() {
        String requestId = "watched-" + UUID.randomUUID();
        var response = Http.send(attempt("watcher", requestId));
        assertThat(response.statusCode()).isEqualTo(201);

        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        new EventWatch(stack.kafka().bootstrapServers()).watch(true, Duration.ofSeconds(6), lines::add);

        assertThat(lines.getFirst()).startsWith("watching content.topics, quiz.attempts");
        assertThat(lines)
                .anyMatch(line -> line.matches(".*content\\.topics-\\d@\\d+  key=horizontal-scaling  TopicUpserted .*"))
                .anyMatch(line -> line.matches(
                        ".*quiz\\.attempts-\\d@\\d+  key=watcher  AttemptSubmitted \\S+  request=" + requestId));
    }

    private HttpRequest.Builder attempt(String user, String requestId) {
        return HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/quizzes/scaling-techniques/attempts"))
                .header("Authorization", Tokens.bearer(user, "user"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"answers": {"q1": ["a"], "q2": ["a"], "q3": ["b"], "q4": ["a"], "q5": ["c"]}}"""));
    }
}
