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

    @Test
    void theBreakerOpensOnAFailingServiceAndClosesWhenItRecovers() {
        String analytics = stack.gatewayUrl() + "/api/analytics/quizzes/scaling-techniques";
        assertThat(Http.get(analytics).statusCode()).isEqualTo(200);

        stack.redis().stop(); // analytics live in Redis: search-service answers 503 now
        try {
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
