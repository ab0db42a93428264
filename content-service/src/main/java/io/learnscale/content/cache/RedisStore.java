package io.learnscale.content.cache;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Every call to Redis, through the circuit breaker. A failure never reaches the caller: it is counted, logged
 * once per outage, and answered as "not cached".
 *
 * <p>An eviction that fails (Redis away during a write) is not forgotten: it is kept and replayed as soon as Redis
 * answers, and until then this instance does not trust what Redis holds, so a write made during an outage is not
 * hidden by the copy cached before it once Redis is back.
 */
final class RedisStore {

    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final CacheMetrics metrics;
    private final Map<String, String> pendingDeletes = new ConcurrentHashMap<>();
    private final Map<String, String> pendingIncrements = new ConcurrentHashMap<>();
    private volatile boolean failing;

    RedisStore(StringRedisTemplate redis, CircuitBreaker breaker, CacheMetrics metrics) {
        this.redis = redis;
        this.breaker = breaker;
        this.metrics = metrics;
    }

    /** What Redis holds under a key; {@code available} is false when Redis could not be asked. */
    record Cached(@Nullable String value, boolean available) {}

    Cached get(String cache, String key) {
        if (!replayPendingEvictions()) {
            return new Cached(null, false);
        }
        Outcome<String> outcome = call(cache, "get", () -> redis.opsForValue().get(key));
        return new Cached(outcome.value(), outcome.ok());
    }

    void put(String cache, String key, String value, Duration ttl) {
        if (call(cache, "put", () -> {
                    redis.opsForValue().set(key, value, ttl);
                    return Boolean.TRUE;
                })
                .ok()) {
            metrics.put(cache);
        }
    }

    void delete(String cache, String key) {
        if (call(cache, "evict", () -> redis.delete(key)).ok()) {
            metrics.eviction(cache);
        } else {
            pendingDeletes.put(key, cache);
        }
    }

    /** A counter's value, 0 when absent; empty when Redis could not be asked. */
    OptionalLong counter(String cache, String key) {
        if (!replayPendingEvictions()) {
            return OptionalLong.empty();
        }
        Outcome<String> outcome = call(cache, "get", () -> redis.opsForValue().get(key));
        if (!outcome.ok()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(outcome.value() == null ? 0 : Long.parseLong(outcome.value()));
    }

    void increment(String cache, String key) {
        if (call(cache, "evict", () -> redis.opsForValue().increment(key)).ok()) {
            metrics.eviction(cache);
        } else {
            pendingIncrements.put(key, cache);
        }
    }

    /** Replays the evictions that failed; true when none is left (the usual case: nothing to do). */
    boolean replayPendingEvictions() {
        if (pendingDeletes.isEmpty() && pendingIncrements.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> pending : pendingDeletes.entrySet()) {
            if (!call(pending.getValue(), "evict", () -> redis.delete(pending.getKey()))
                    .ok()) {
                return false;
            }
            pendingDeletes.remove(pending.getKey());
            metrics.eviction(pending.getValue());
        }
        for (Map.Entry<String, String> pending : pendingIncrements.entrySet()) {
            if (!call(pending.getValue(), "evict", () -> redis.opsForValue().increment(pending.getKey()))
                    .ok()) {
                return false;
            }
            pendingIncrements.remove(pending.getKey());
            metrics.eviction(pending.getValue());
        }
        log.info("Replayed the cache evictions that failed while Redis was away");
        return true;
    }

    private <T> Outcome<T> call(String cache, String operation, Supplier<T> call) {
        try {
            T value = breaker.executeSupplier(call);
            if (failing) {
                failing = false;
                log.info("Redis answers again: the cache is back in use");
            }
            return new Outcome<>(true, value);
        } catch (CallNotPermittedException e) {
            metrics.error(cache, operation, "circuit-open");
        } catch (RuntimeException e) {
            metrics.error(cache, operation, timedOut(e) ? "timeout" : "failure");
            if (!failing) {
                failing = true;
                log.warn("Redis failed ({}); serving from PostgreSQL until it answers again", e.toString());
            }
        }
        return new Outcome<>(false, null);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private record Outcome<T>(boolean ok, @Nullable T value) {}
}
