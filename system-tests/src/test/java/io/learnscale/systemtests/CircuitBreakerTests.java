package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnscale.launcher.Stack;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A service that keeps failing trips its breaker at the gateway; it closes again once the service recovers. */
@Order(90)
class CircuitBreakerTests {

    private final Stack stack = SystemStack.get();

    /** The gateway's count of requests let through because the rate limiter could not reach Redis. */
    private double failOpenCount() {
        String gateway = stack.instances(io.learnscale.launcher.app.Service.GATEWAY)
                .getFirst()
                .managementUrl();
        return Http.get(gateway + "/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("gateway_rate_limiter_fail_open_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void theBreakerOpensOnAFailingServiceAndClosesWhenItRecovers() {
        String analytics = stack.gatewayUrl() + "/api/analytics/quizzes/scaling-techniques";
        assertThat(Http.get(analytics).statusCode()).isEqualTo(200);

        double failedOpenBefore = failOpenCount();
        stack.redis().stop(); // analytics live in Redis: search-service answers 503 now
        try {
            // the rate limiter lives in Redis too: the gateway fails open and keeps serving reads
            assertThat(Http.get(stack.gatewayUrl() + "/api/topics").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(Http.get(stack.gatewayUrl() + "/api/topics").statusCode())
                        .isEqualTo(200);
                assertThat(failOpenCount()).isGreaterThan(failedOpenBefore);
            });
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        HttpResponse<String> response = Http.get(analytics);
                        EdgeTests.assertProblem(response, 503);
                        // the gateway's own answer: nothing reached the service
                        assertThat(response.headers().firstValue("X-Served-By")).isEmpty();
                        assertThat(response.headers().firstValue("Retry-After")).isPresent();
                        assertThat(response.body()).contains("urn:learnscale:problem:unavailable");
                    });
        } finally {
            stack.redis().start();
        }

        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> assertThat(Http.get(analytics).statusCode()).isEqualTo(200));
    }
}
