package io.learnscale.quiz.quiz;

import io.learnscale.quiz.redis.RedisUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads quizzes through two cache levels: this instance's copy (fresh for a few seconds), then Redis (shared by all
 * instances), then PostgreSQL. Redis down: PostgreSQL answers. PostgreSQL down: Redis answers, and when Redis is
 * down too, this instance's last copy does, so a quiz that was read recently can still be taken and graded. Only
 * when no level can answer is it a {@link QuizzesUnavailableException}.
 */
@Service
public class QuizCatalog {

    private static final Logger log = LoggerFactory.getLogger(QuizCatalog.class);

    private final Quizzes quizzes;
    private final QuizCache cache;
    private final LocalCopies local;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    QuizCatalog(
            Quizzes quizzes, QuizCache cache, QuizCacheProperties properties, JsonMapper json, MeterRegistry meters) {
        this.quizzes = quizzes;
        this.cache = cache;
        this.local = new LocalCopies(properties.localTtl(), properties.localMaxStale(), System::nanoTime);
        this.json = json;
        this.meters = meters;
    }

    /** The quiz with its answers, for grading; never hand it to a taker as it is. */
    public Optional<Quiz> find(String id) {
        return read("quizzes", QuizCache.quizKey(id), Quiz.class, () -> quizzes.findById(id));
    }

    /** Every quiz, or those of one section. */
    List<QuizSummary> list(String section) {
        List<QuizSummary> all = read(
                        "quiz-lists",
                        QuizCache.listKey(),
                        QuizList.class,
                        () -> Optional.of(quizzes.findAll())
                                .map(v -> new Versioned<>(new QuizList(v.value()), v.version())))
                .map(QuizList::quizzes)
                .orElse(List.of());
        return section == null || section.isBlank()
                ? all
                : all.stream().filter(q -> q.section().equals(section)).toList();
    }

    /** After a committed change: drop this instance's copies and mark the Redis entries as changed. */
    void changed(String id, long version) {
        local.evict(QuizCache.quizKey(id));
        local.evict(QuizCache.listKey());
        cache.evict(QuizCache.quizKey(id), version);
        cache.evict(QuizCache.listKey(), version);
    }

    private <T> Optional<T> read(
            String cacheName, String key, Class<T> type, Supplier<Optional<Versioned<T>>> database) {
        Optional<T> fresh = local.fresh(key, type);
        count(cacheName, "local", fresh.isPresent() ? "hit" : "miss");
        if (fresh.isPresent()) {
            return fresh;
        }
        try {
            Optional<Versioned<String>> cached = cache.get(key);
            count(cacheName, "redis", cached.isPresent() ? "hit" : "miss");
            if (cached.isPresent()) {
                T value = json.readValue(cached.get().value(), type);
                return Optional.of(local.put(key, cached.get().version(), value));
            }
        } catch (RedisUnavailableException e) {
            count(cacheName, "redis", "error");
        } catch (JacksonException e) {
            count(cacheName, "redis", "error");
            log.warn("Unreadable cache entry {}, reading the database: {}", key, e.getOriginalMessage());
        }
        try {
            Optional<Versioned<T>> stored = database.get();
            stored.ifPresentOrElse(
                    v -> {
                        cache.putQuietly(key, v.version(), json.writeValueAsString(v.value()));
                        local.put(key, v.version(), v.value());
                    },
                    () -> local.evict(key)); // deleted elsewhere: no last copy to fall back on either
            return stored.map(Versioned::value);
        } catch (DataAccessException e) {
            Optional<T> stale = local.stale(key, type);
            if (stale.isPresent()) {
                count(cacheName, "local", "stale");
                log.warn("Database unavailable, answering {} from this instance's last copy: {}", key, e.getMessage());
                return stale;
            }
            throw new QuizzesUnavailableException(e);
        }
    }

    private void count(String cacheName, String level, String result) {
        counters.computeIfAbsent(
                        cacheName + "/" + level + "/" + result,
                        k -> Counter.builder("cache.gets")
                                .description("Quiz cache lookups per level and result")
                                .tag("cache", cacheName)
                                .tag("level", level)
                                .tag("result", result)
                                .register(meters))
                .increment();
    }

    /** The list, wrapped so that its cached JSON has a type of its own. */
    record QuizList(List<QuizSummary> quizzes) {}
}
