package io.learnscale.gateway.dashboard;

import io.learnscale.gateway.dashboard.Reading.Lookups;
import io.learnscale.gateway.dashboard.Snapshot.Instance;
import io.learnscale.gateway.dashboard.Snapshot.Latency;
import io.learnscale.gateway.dashboard.Snapshot.PartitionLag;
import io.learnscale.gateway.dashboard.Snapshot.ServiceTraffic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns the readings of one period into rates, percentiles and ratios, by comparing each instance's reading with
 * its oldest reading within the rate window (a few periods: steadier lines than period to period, and still quick to
 * follow a change). An instance seen for the first time, not read within the window, or restarted since (its
 * counters went down) has no rates this period. Called by one feed, one period after the other.
 */
final class Aggregation {

    /** One candidate and what its scrape gave this period, if anything. */
    record Scraped(
            String service,
            String id,
            boolean ready,
            String state,
            @Nullable Reading reading) {}

    /** The part of a snapshot that comes from the instances. */
    record Observed(List<Instance> instances, List<ServiceTraffic> services, List<PartitionLag> lag) {}

    private record Previous(Reading reading, long nanos) {}

    private final long maxAgeNanos;
    private final Map<String, Deque<Previous>> previous = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    /**
     * @param interval the period
     * @param window how far back the reading a rate is made from may be (half a period more is allowed, for late
     *     scrapes)
     */
    Aggregation(Duration interval, Duration window) {
        this.maxAgeNanos = window.plus(interval.dividedBy(2)).toNanos();
    }

    synchronized Observed next(List<Scraped> scraped, long nanos) {
        List<Instance> instances = new ArrayList<>();
        Map<String, ServiceSums> services = new LinkedHashMap<>();
        List<PartitionLag> lag = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Scraped candidate : scraped) {
            String key = candidate.service() + "/" + candidate.id();
            seen.add(key);
            Reading reading = candidate.reading();
            if (reading != null && reading.instance() != null) {
                names.put(key, reading.instance());
            }
            String name = names.getOrDefault(key, candidate.id());
            instances.add(new Instance(
                    candidate.service(), candidate.id(), name, candidate.ready(), candidate.state(), reading != null));
            ServiceSums sums = services.computeIfAbsent(candidate.service(), service -> new ServiceSums());
            if (reading == null) {
                continue; // shown in the topology; its last reading stays for the next period
            }
            for (Reading.Lag partition : reading.lag()) {
                lag.add(new PartitionLag(
                        partition.topic(), partition.group(), partition.partition(), partition.records(), name));
            }
            Deque<Previous> history = previous.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!history.isEmpty() && nanos - history.peekFirst().nanos() > maxAgeNanos) {
                history.removeFirst();
            }
            Previous before = history.peekFirst();
            if (before != null && reading.requests() < before.reading().requests()) {
                history.clear(); // restarted: its counters began again from zero
                before = null;
            }
            history.addLast(new Previous(reading, nanos));
            double seconds = before == null ? 0 : (nanos - before.nanos()) / 1e9;
            if (before == null || seconds <= 0) {
                sums.requestsPerSecond.put(name, null);
                continue;
            }
            sums.add(name, reading, before.reading(), seconds);
        }
        previous.keySet().retainAll(seen);
        names.keySet().retainAll(seen);
        lag.sort(Comparator.comparing(PartitionLag::group)
                .thenComparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition)
                .thenComparing(PartitionLag::owner));
        List<ServiceTraffic> traffic = new ArrayList<>();
        services.forEach((service, sums) -> traffic.add(sums.traffic(service)));
        return new Observed(List.copyOf(instances), List.copyOf(traffic), List.copyOf(lag));
    }

    /** One service's differences over the period, summed over its instances that have rates. */
    private static final class ServiceSums {

        final Map<String, @Nullable Double> requestsPerSecond = new TreeMap<>();
        final SortedMap<Double, Double> latency = new TreeMap<>();
        final Map<String, Map<String, Lookups>> caches = new HashMap<>();
        double serverErrorsPerSecond;
        boolean anyRate;

        void add(String name, Reading now, Reading before, double seconds) {
            anyRate = true;
            requestsPerSecond.put(name, (now.requests() - before.requests()) / seconds);
            serverErrorsPerSecond += Math.max(0, now.serverErrors() - before.serverErrors()) / seconds;
            now.latency()
                    .forEach((bound, count) -> latency.merge(
                            bound, Math.max(0, count - before.latency().getOrDefault(bound, 0.0)), Double::sum));
            now.caches()
                    .forEach((cache, levels) -> levels.forEach((level, lookups) -> {
                        Lookups earlier =
                                before.caches().getOrDefault(cache, Map.of()).getOrDefault(level, new Lookups(0, 0));
                        caches.computeIfAbsent(cache, c -> new HashMap<>())
                                .merge(level, lookups.minus(earlier), Lookups::plus);
                    }));
        }

        ServiceTraffic traffic(String service) {
            if (!anyRate) {
                return new ServiceTraffic(service, requestsPerSecond, null, null, null);
            }
            Double p50 = Quantiles.of(0.50, latency);
            Latency latencyMs = p50 == null
                    ? null
                    : new Latency(p50 * 1000, Quantiles.of(0.95, latency) * 1000, Quantiles.of(0.99, latency) * 1000);
            return new ServiceTraffic(service, requestsPerSecond, latencyMs, serverErrorsPerSecond, hitRatio());
        }

        /**
         * Lookups answered by a cache at any level, over the lookups made: every lookup asks the first level (the
         * one asked most), and a miss there asks the next, so the first level's gets count every lookup once.
         */
        @Nullable
        Double hitRatio() {
            double hits = 0;
            double lookups = 0;
            for (Map<String, Lookups> levels : caches.values()) {
                double firstLevelGets = 0;
                for (Lookups level : levels.values()) {
                    hits += Math.max(0, level.hits());
                    firstLevelGets = Math.max(firstLevelGets, level.gets());
                }
                lookups += firstLevelGets;
            }
            return lookups > 0 ? Math.min(1, hits / lookups) : null;
        }
    }
}
