package io.learnscale.content.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside in Redis, shared by every instance: single topics under their slug, and listings (pages of topics,
 * the sections) under a generation that any write moves on, so one write makes every listing stale at once.
 *
 * <p>A miss loads from the database once per key and instance however many requests miss together (the stampede
 * guard), and stores the result with a TTL. Redis being down or slow costs a read at most one short timeout until
 * the circuit breaker opens, and then nothing: the data comes from the database.
 */
public final class ContentCache {

    static final String TOPIC = "topic";

    private final RedisStore store;
    private final JsonMapper json;
    private final CacheMetrics metrics;
    private final CacheProperties properties;
    private final SingleFlight flights = new SingleFlight();

    ContentCache(RedisStore store, JsonMapper json, CacheMetrics metrics, CacheProperties properties) {
        this.store = store;
        this.json = json;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** One topic by slug; an absent topic is not cached. */
    public <T> Optional<T> topic(String slug, Class<T> type, Supplier<Optional<T>> loader) {
        return read(TOPIC, topicKey(slug), type, properties.topicTtl(), loader);
    }

    /** A listing (a page of topics, the sections) under a name and a key made of its parameters. */
    public <T> T listing(String name, String key, Class<T> type, Supplier<T> loader) {
        OptionalLong generation = store.counter(name, generationKey());
        if (generation.isEmpty()) {
            metrics.miss(name);
            return flights.load(name + ':' + key, () -> {
                metrics.load(name);
                return loader.get();
            });
        }
        String redisKey = properties.keyPrefix() + ":listing:" + generation.getAsLong() + ':' + name + ':' + key;
        return read(name, redisKey, type, properties.listingTtl(), () -> Optional.of(loader.get()))
                .orElseThrow();
    }

    /** Forgets one topic; called after the change committed. */
    public void evictTopic(String slug) {
        store.delete(TOPIC, topicKey(slug));
    }

    /** Makes every listing stale; called after a change committed. */
    public void evictListings() {
        store.increment("listings", generationKey());
    }

    /** Replays evictions that failed while Redis was away (also done before any read that finds some). */
    void replayPendingEvictions() {
        store.replayPendingEvictions();
    }

    private <T> Optional<T> read(String cache, String key, Class<T> type, Duration ttl, Supplier<Optional<T>> loader) {
        RedisStore.Cached cached = store.get(cache, key);
        T hit = decode(cache, cached.value(), type);
        if (hit != null) {
            metrics.hit(cache);
            return Optional.of(hit);
        }
        metrics.miss(cache);
        return flights.load(key, () -> {
            if (cached.available()) {
                // a request that missed just before another one stored the value: no second database read
                T stored = decode(cache, store.get(cache, key).value(), type);
                if (stored != null) {
                    return Optional.of(stored);
                }
            }
            metrics.load(cache);
            Optional<T> loaded = loader.get();
            loaded.ifPresent(value -> store.put(cache, key, json.writeValueAsString(value), ttl));
            return loaded;
        });
    }

    private <T> @Nullable T decode(String cache, @Nullable String value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (JacksonException e) {
            metrics.error(cache, "decode", "failure");
            return null;
        }
    }

    private String topicKey(String slug) {
        return properties.keyPrefix() + ":topic:" + slug;
    }

    private String generationKey() {
        return properties.keyPrefix() + ":listing-generation";
    }
}
