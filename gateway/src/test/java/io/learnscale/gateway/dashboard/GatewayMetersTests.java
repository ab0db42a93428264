package io.learnscale.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.gateway.dashboard.Snapshot.Breaker;
import io.learnscale.gateway.dashboard.Snapshot.GatewayTraffic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayMetersTests {

    private static final long SECOND = 1_000_000_000L;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final GatewayMeters gateway =
            new GatewayMeters("gateway-1", meters, breakers, Duration.ofSeconds(1), Duration.ofSeconds(3));

    private void answered(String uri, String status, int times) {
        Timer timer = Timer.builder("http.server.requests")
                .tags("uri", uri, "status", status)
                .register(meters);
        for (int i = 0; i < times; i++) {
            timer.record(Duration.ofMillis(2));
        }
    }

    @Test
    void countsWhatTheGatewayAnsweredPerSecondLeavingProbesOut() {
        answered("UNKNOWN", "200", 10);
        assertThat(gateway.traffic(0)).isEqualTo(new GatewayTraffic("gateway-1", null, null, null));

        answered("UNKNOWN", "200", 12);
        answered("UNKNOWN", "503", 4);
        answered("UNKNOWN", "429", 2);
        answered("/actuator/health/{*path}", "200", 50);

        assertThat(gateway.traffic(2 * SECOND)).isEqualTo(new GatewayTraffic("gateway-1", 9.0, 2.0, 1.0));
    }

    @Test
    void listsEachBreakerWithItsState() {
        breakers.circuitBreaker("quiz-service").transitionToOpenState();
        breakers.circuitBreaker("content-service");

        assertThat(gateway.breakers())
                .containsExactly(
                        new Breaker("content-service", "CLOSED", null), new Breaker("quiz-service", "OPEN", null));
    }
}
