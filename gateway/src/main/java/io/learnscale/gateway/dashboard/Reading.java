package io.learnscale.gateway.dashboard;

import io.learnscale.gateway.dashboard.PrometheusText.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one scrape of one instance says, reduced to the counters the dashboard shows: API requests answered and how
 * many of them were 5xx, the latency histogram of those requests, cache lookups, and the consumer lag of the
 * partitions the instance owns. The counters only grow while the instance lives; a rate is the difference of two
 * readings of the same instance.
 *
 * @param instance the {@code instance} tag the metrics carry, if any (the container's hostname where the gateway
 *     knows the instance by its address)
 * @param requests API requests answered (the management port's are not among them)
 * @param serverErrors those of them answered 5xx
 * @param latency cumulative count of requests per upper bound in seconds ({@code le}), +Inf included
 * @param caches per cache name, per level ({@code ""} when the cache has one level): hits and misses
 * @param lag records not yet consumed, per partition this instance owns
 */
record Reading(
        @Nullable String instance,
        double requests,
        double serverErrors,
        SortedMap<Double, Double> latency,
        Map<String, Map<String, Lookups>> caches,
        List<Lag> lag) {

    static final String REQUESTS = "http_server_requests_seconds";
    static final String CACHE_GETS = "cache_gets";
    static final String CONSUMER_LAG = "learnscale_consumer_lag";

    /** The metric families a scrape asks for ({@code includedNames}), and the sample names read from them. */
    static final List<String> FAMILIES = List.of(REQUESTS, CACHE_GETS, CONSUMER_LAG);

    static final Set<String> SAMPLES =
            Set.of(REQUESTS + "_count", REQUESTS + "_bucket", CACHE_GETS + "_total", CONSUMER_LAG);

    /** Cache hits and misses, counted since the instance started. */
    record Lookups(double hits, double misses) {

        Lookups plus(Lookups other) {
            return new Lookups(hits + other.hits, misses + other.misses);
        }

        Lookups minus(Lookups earlier) {
            return new Lookups(hits - earlier.hits, misses - earlier.misses);
        }

        double gets() {
            return hits + misses;
        }
    }

    /** The lag of one partition, as its owner measures it. */
    record Lag(String topic, String group, int partition, long records) {}

    static Reading of(List<Sample> samples) {
        String instance = null;
        double requests = 0;
        double serverErrors = 0;
        SortedMap<Double, Double> latency = new TreeMap<>();
        Map<String, Map<String, Lookups>> caches = new HashMap<>();
        List<Lag> lag = new ArrayList<>();
        for (Sample sample : samples) {
            if (instance == null && !sample.label("instance").isEmpty()) {
                instance = sample.label("instance");
            }
            if (sample.name().startsWith(REQUESTS) && sample.label("uri").startsWith("/actuator")) {
                continue; // probes and scrapes, where the management port shares the server
            }
            switch (sample.name()) {
                case REQUESTS + "_count" -> {
                    requests += sample.value();
                    if (sample.label("status").startsWith("5")) {
                        serverErrors += sample.value();
                    }
                }
                case REQUESTS + "_bucket" -> {
                    Double bound = PrometheusText.number(sample.label("le"));
                    if (bound != null) {
                        latency.merge(bound, sample.value(), Double::sum);
                    }
                }
                case CACHE_GETS + "_total" -> {
                    boolean hit = "hit".equals(sample.label("result"));
                    Lookups lookups = new Lookups(hit ? sample.value() : 0, hit ? 0 : sample.value());
                    caches.computeIfAbsent(sample.label("cache"), cache -> new HashMap<>())
                            .merge(sample.label("level"), lookups, Lookups::plus);
                }
                case CONSUMER_LAG -> {
                    try {
                        lag.add(new Lag(
                                sample.label("topic"),
                                sample.label("group"),
                                Integer.parseInt(sample.label("partition")),
                                Math.round(sample.value())));
                    } catch (NumberFormatException notAPartition) {
                        // not one of ours: skipped
                    }
                }
                default -> {}
            }
        }
        return new Reading(instance, requests, serverErrors, latency, caches, lag);
    }
}
