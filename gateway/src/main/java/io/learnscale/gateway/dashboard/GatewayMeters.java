package io.learnscale.gateway.dashboard;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.gateway.dashboard.Snapshot.Breaker;
import io.learnscale.gateway.dashboard.Snapshot.GatewayTraffic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway itself knows, read in process rather than scraped: the requests it answered (by status) from its
 * own {@code http.server.requests} timers, and its circuit breakers.
 */
final class GatewayMeters {

    private final String id;
    private final MeterRegistry meters;
    private final CircuitBreakerRegistry breakers;

    // the previous period's totals; only the feed's one period at a time touches them
    private long lastNanos = -1;
    private double[] lastTotals = new double[3];

    GatewayMeters(String id, MeterRegistry meters, CircuitBreakerRegistry breakers) {
        this.id = id;
        this.meters = meters;
        this.breakers = breakers;
    }

    String id() {
        return id;
    }

    synchronized GatewayTraffic traffic(long nanos) {
        double[] totals = new double[3]; // all, 5xx, 429
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String uri = timer.getId().getTag("uri");
            if (uri != null && uri.startsWith("/actuator")) {
                continue; // probes and scrapes on the management port
            }
            String status = String.valueOf(timer.getId().getTag("status"));
            double count = timer.count();
            totals[0] += count;
            if (status.startsWith("5")) {
                totals[1] += count;
            } else if (status.equals("429")) {
                totals[2] += count;
            }
        }
        double seconds = lastNanos < 0 ? 0 : (nanos - lastNanos) / 1e9;
        double[] before = lastTotals;
        lastNanos = nanos;
        lastTotals = totals;
        if (seconds <= 0) {
            return new GatewayTraffic(id, null, null, null);
        }
        return new GatewayTraffic(
                id,
                rate(totals[0], before[0], seconds),
                rate(totals[1], before[1], seconds),
                rate(totals[2], before[2], seconds));
    }

    List<Breaker> breakers() {
        return breakers.getAllCircuitBreakers().stream()
                .sorted(Comparator.comparing(CircuitBreaker::getName))
                .map(breaker -> {
                    float failureRate = breaker.getMetrics().getFailureRate();
                    return new Breaker(
                            breaker.getName(),
                            breaker.getState().name(),
                            failureRate < 0 ? null : (double) failureRate);
                })
                .toList();
    }

    private static @Nullable Double rate(double now, double before, double seconds) {
        return now < before ? null : (now - before) / seconds;
    }
}
