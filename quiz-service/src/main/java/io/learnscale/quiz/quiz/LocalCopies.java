package io.learnscale.quiz.quiz;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * This instance's own copies of quizzes and of the list: fresh for {@code localTtl}, then kept as a last resort for
 * when Redis and PostgreSQL both fail. A copy never replaces a newer one.
 */
final class LocalCopies {

    private final Map<String, Copy> copies = new ConcurrentHashMap<>();
    private final long freshNanos;
    private final long maxStaleNanos;
    private final LongSupplier clock;

    LocalCopies(Duration fresh, Duration maxStale, LongSupplier nanoClock) {
        this.freshNanos = fresh.toNanos();
        this.maxStaleNanos = maxStale.toNanos();
        this.clock = nanoClock;
    }

    <T> Optional<T> fresh(String key, Class<T> type) {
        return within(key, type, freshNanos);
    }

    <T> Optional<T> stale(String key, Class<T> type) {
        return within(key, type, maxStaleNanos);
    }

    /** Keeps the offered copy unless a newer one is here already; returns the copy kept. */
    <T> T put(String key, long version, T value) {
        Copy copy = new Copy(value, version, clock.getAsLong());
        Object kept = copies.merge(key, copy, (old, offered) -> offered.version >= old.version ? offered : old).value;
        @SuppressWarnings("unchecked")
        T result = value.getClass().isInstance(kept) ? (T) kept : value;
        return result;
    }

    void evict(String key) {
        copies.remove(key);
    }

    private <T> Optional<T> within(String key, Class<T> type, long maxAgeNanos) {
        Copy copy = copies.get(key);
        if (copy == null || clock.getAsLong() - copy.storedAt >= maxAgeNanos || !type.isInstance(copy.value)) {
            return Optional.empty();
        }
        return Optional.of(type.cast(copy.value));
    }

    private record Copy(Object value, long version, long storedAt) {}
}
