package io.learnscale.gateway.balancing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests each instance has outstanding: sent to it (or being sent) and not yet answered. What
 * least-outstanding balancing reads, and the gauge {@code gateway.upstream.requests.in.flight} (tags
 * {@code service}, {@code upstream}) the dashboard can show. Lock-free: a map lookup and an atomic add per
 * request.
 */
final class InFlightRequests {

    private final ConcurrentMap<String, ConcurrentMap<String, AtomicInteger>> byService = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    InFlightRequests(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The counter of one instance, made (and its gauge registered) the first time it is asked for. */
    AtomicInteger counter(String service, String instance) {
        ConcurrentMap<String, AtomicInteger> instances = byService.get(service);
        if (instances == null) {
            instances = byService.computeIfAbsent(service, name -> new ConcurrentHashMap<>());
        }
        AtomicInteger counter = instances.get(instance);
        if (counter == null) {
            counter = instances.computeIfAbsent(instance, id -> register(service, id));
        }
        return counter;
    }

    /** Outstanding requests of one instance; 0 for one never used. */
    int outstanding(String service, String instance) {
        ConcurrentMap<String, AtomicInteger> instances = byService.get(service);
        AtomicInteger counter = instances == null ? null : instances.get(instance);
        return counter == null ? 0 : counter.get();
    }

    private AtomicInteger register(String service, String instance) {
        AtomicInteger counter = new AtomicInteger();
        Gauge.builder("gateway.upstream.requests.in.flight", counter, AtomicInteger::get)
                .description("Requests sent to an instance and not yet answered")
                .tag("service", service)
                .tag("upstream", instance)
                .register(meters);
        return counter;
    }
}
