package io.learnscale.gateway.dashboard;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.gateway.dashboard.Snapshot.Breaker;
import io.learnscale.gateway.dashboard.Snapshot.GatewayTraffic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
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
    private final long maxAgeNanos;

    /** Earlier readings within the rate window, oldest first: when, then all requests, 5xx and 429 answered. */
    private final Deque<double[]> earlier = new ArrayDeque<>();

    /**
     * @param interval the feed's period
     * @param window a rate covers about this much time, as the instances' rates do ({@link Aggregation})
     */
    GatewayMeters(
            String id, MeterRegistry meters, CircuitBreakerRegistry breakers, Duration interval, Duration window) {
        this.id = id;
        this.meters = meters;
        this.breakers = breakers;
        this.maxAgeNanos = window.plus(interval.dividedBy(2)).toNanos();
    }

    String id() {
        return id;
    }

    synchronized GatewayTraffic traffic(long nanos) {
        double[] now = {nanos, 0, 0, 0};
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String uri = timer.getId().getTag("uri");
            if (uri != null && uri.startsWith("/actuator")) {
                continue; // probes and scrapes on the management port
            }
            String status = String.valueOf(timer.getId().getTag("status"));
            double count = timer.count();
            now[1] += count;
            if (status.startsWith("5")) {
                now[2] += count;
            } else if (status.equals("429")) {
                now[3] += count;
            }
        }
        while (!earlier.isEmpty() && nanos - earlier.peekFirst()[0] > maxAgeNanos) {
            earlier.removeFirst();
        }
        double[] before = earlier.peekFirst();
        earlier.addLast(now);
        double seconds = before == null ? 0 : (nanos - before[0]) / 1e9;
        if (before == null || seconds <= 0) {
            return new GatewayTraffic(id, null, null, null);
        }
        return new GatewayTraffic(
                id,
                rate(now[1], before[1], seconds),
                rate(now[2], before[2], seconds),
                rate(now[3], before[3], seconds));
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
