package io.learnscale.content.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters per cache, named like Micrometer's own cache metrics so dashboards that know those read these:
 * {@code cache.gets} (result hit or miss), {@code cache.puts}, {@code cache.evictions}; plus {@code cache.loads}
 * (database reads after a miss: fewer than misses, thanks to the stampede guard) and {@code cache.errors} (Redis
 * failed, timed out, or its circuit was open; tagged with the operation and the reason).
 */
final class CacheMetrics {

    private final MeterRegistry registry;
    private final Map<Tags, Counter> counters = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void hit(String cache) {
        count("cache.gets", Tags.of("cache", cache, "result", "hit"));
    }

    void miss(String cache) {
        count("cache.gets", Tags.of("cache", cache, "result", "miss"));
    }

    void put(String cache) {
        count("cache.puts", Tags.of("cache", cache));
    }

    void eviction(String cache) {
        count("cache.evictions", Tags.of("cache", cache));
    }

    void load(String cache) {
        count("cache.loads", Tags.of("cache", cache));
    }

    void error(String cache, String operation, String reason) {
        count("cache.errors", Tags.of("cache", cache, "operation", operation, "reason", reason));
    }

    private void count(String name, Tags tags) {
        counters.computeIfAbsent(
                        tags.and("name", name),
                        key -> Counter.builder(name).tags(tags).register(registry))
                .increment();
    }
}
