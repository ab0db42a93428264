package io.learnscale.quiz.quiz;

import io.learnscale.quiz.redis.RedisGuard;
import io.learnscale.quiz.redis.RedisUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The shared level of the quiz cache, in Redis. Each entry is a hash {@code {v: version, json: value}}; an eviction
 * writes a marker with an empty value and the version of the change. Writes are put-if-not-older (one Lua script),
 * so a copy read from PostgreSQL before a change cannot land after that change's eviction and hide it. An eviction
 * Redis could not take (it was down) is kept here and sent again until it lands; until then this instance does not
 * read that key from Redis.
 */
@Component
class QuizCache {

    private static final Logger log = LoggerFactory.getLogger(QuizCache.class);

    static final String PREFIX = "quiz:v1:";

    private static final RedisScript<Long> PUT_IF_NOT_OLDER = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], 'v')
            if current and tonumber(current) > tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'json', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final QuizCacheProperties properties;
    private final Map<String, Long> pendingEvictions = new ConcurrentHashMap<>();

    QuizCache(StringRedisTemplate redis, RedisGuard guard, QuizCacheProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.guard = guard;
        this.properties = properties;
        Gauge.builder("quiz.cache.pending.evictions", pendingEvictions, Map::size)
                .description("Evictions Redis has not taken yet (it was unreachable)")
                .register(meters);
    }

    static String quizKey(String id) {
        return PREFIX + "quiz:" + id;
    }

    static String listKey() {
        return PREFIX + "list";
    }

    /**
     * The cached JSON and its version; empty on a miss, an eviction marker, or while this instance still owes Redis
     * an eviction of that key (Redis may hold a copy older than the change).
     */
    Optional<Versioned<String>> get(String key) {
        if (pendingEvictions.containsKey(key)) {
            return Optional.empty();
        }
        List<Object> fields = guard.call(() -> redis.opsForHash().multiGet(key, List.of("v", "json")));
        if (fields == null
                || fields.get(0) == null
                || fields.get(1) == null
                || fields.get(1).toString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(
                fields.get(1).toString(), Long.parseLong(fields.get(0).toString())));
    }

    /** Caches a value read at {@code version}, unless Redis holds something newer; never fails the caller. */
    void putQuietly(String key, long version, String json) {
        if (pendingEvictions.containsKey(key) || !guard.permitsCalls()) {
            return;
        }
        try {
            write(key, version, json);
        } catch (RedisUnavailableException e) {
            log.debug("Not cached {}: {}", key, e.getMessage());
        }
    }

    /** Marks the key as changed at {@code version}; if Redis cannot take it now, it is sent again later. */
    void evict(String key, long version) {
        try {
            write(key, version, "");
            pendingEvictions.computeIfPresent(key, (k, pending) -> pending <= version ? null : pending);
        } catch (RedisUnavailableException e) {
            pendingEvictions.merge(key, version, Math::max);
            log.warn("Eviction of {} at version {} deferred: {}", key, version, e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${learnscale.quiz-cache.retry-evictions-every:1s}")
    void retryPendingEvictions() {
        if (pendingEvictions.isEmpty() || !guard.permitsCalls()) {
            return;
        }
        pendingEvictions.forEach((key, version) -> {
            try {
                write(key, version, "");
                pendingEvictions.remove(key, version);
                log.info("Deferred eviction of {} at version {} applied", key, version);
            } catch (RedisUnavailableException e) {
                log.debug("Deferred eviction of {} still pending: {}", key, e.getMessage());
            }
        });
    }

    private void write(String key, long version, String json) {
        guard.call(() -> redis.execute(
                PUT_IF_NOT_OLDER,
                List.of(key),
                Long.toString(version),
                json,
                Long.toString(properties.ttl().toMillis())));
    }
}
