package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.Service;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The gateway spreads requests over every ready instance, and follows the instances as they come and go. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(10)
class BalancingTests {

    private final Stack stack = SystemStack.get();

    @Test
    @Order(1)
    void requestsAreSpreadOverBothContentInstances() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(contentServedBy(10))
                        .containsExactlyInAnyOrder("content-service-1", "content-service-2"));
    }

    @Test
    @Order(2)
    void aScaledUpInstanceGetsTrafficWithinFiveSeconds() {
        stack.scale(Service.CONTENT, 3);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(contentServedBy(9)).contains("content-service-3"));
    }

    @Test
    @Order(3)
    void aRemovedInstanceLosesItsTraffic() {
        stack.scale(Service.CONTENT, 2);

        // scale() returns once the instance is stopped; the gateway must not try it again
        assertThat(contentServedBy(12)).containsExactlyInAnyOrder("content-service-1", "content-service-2");
    }

    private Set<String> contentServedBy(int requests) {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, requests).forEach(i -> {
            var response = Http.get(stack.gatewayUrl() + "/api/topics");
            assertThat(response.statusCode()).isEqualTo(200);
            seen.add(Http.servedBy(response));
        });
        return seen;
    }
}
