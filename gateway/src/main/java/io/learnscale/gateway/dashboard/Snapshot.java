package io.learnscale.gateway.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event of the feed: the system over the last period. A rate or a ratio is {@code null} where there is nothing
 * to compute it from yet (an instance's first scrape, a period without requests), never a made-up zero.
 *
 * @param at when the scrapes of this period were done
 * @param intervalSeconds how often a snapshot comes
 * @param instances the topology: this gateway and every candidate of every service, ready or not
 * @param services per service: traffic, latency, errors and cache hit ratio
 * @param gateway what this gateway answered by itself: all requests, 5xx and 429 per second
 * @param lag consumer lag per partition, with the instance that owns it
 * @param breakers this gateway's circuit breaker per route
 */
record Snapshot(
        Instant at,
        double intervalSeconds,
        List<Instance> instances,
        List<ServiceTraffic> services,
        GatewayTraffic gateway,
        List<PartitionLag> lag,
        List<Breaker> breakers) {

    /**
     * @param service {@code gateway} for this gateway
     * @param id the id the gateway knows it by (in compose, its address)
     * @param name the {@code instance} tag of its metrics, else the id: the name charts use
     * @param ready whether it gets traffic
     * @param state what its readiness probe last said
     * @param scraped whether its metrics could be read this period
     */
    record Instance(String service, String id, String name, boolean ready, String state, boolean scraped) {}

    /**
     * @param requestsPerSecond API requests answered per second, by instance name
     * @param latencyMs p50, p95 and p99 of those requests' latency, over all instances of the service
     * @param serverErrorsPerSecond of those requests, how many per second were answered 5xx
     * @param cacheHitRatio the share of cache lookups answered by a cache (any level), 0 to 1
     */
    record ServiceTraffic(
            String service,
            Map<String, @Nullable Double> requestsPerSecond,
            @Nullable Latency latencyMs,
            @Nullable Double serverErrorsPerSecond,
            @Nullable Double cacheHitRatio) {}

    record Latency(double p50, double p95, double p99) {}

    /**
     * @param id this gateway's instance id
     * @param requestsPerSecond every request the gateway answered (management port excluded)
     * @param serverErrorsPerSecond answered 5xx, passed through or the gateway's own (open circuit, timeout)
     * @param rateLimitedPerSecond answered 429
     */
    record GatewayTraffic(
            String id,
            @Nullable Double requestsPerSecond,
            @Nullable Double serverErrorsPerSecond,
            @Nullable Double rateLimitedPerSecond) {}

    /** @param owner the name of the instance that consumes the partition for this group now */
    record PartitionLag(String topic, String group, int partition, long records, String owner) {}

    /**
     * @param name the route's service
     * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...
     * @param failureRate percent of failed calls in the window, or null until it has enough calls
     */
    record Breaker(String name, String state, @Nullable Double failureRate) {}
}
