package io.learnscale.search.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics aggregates, in Redis and shared by every search-service instance.
 *
 * <p>Exactly-once effect: a batch of attempts is applied by one atomic script that, per attempt, adds its id to the
 * generation's set of applied ids and updates the aggregates only if the id was new. An attempt redelivered after a
 * crash or a rebalance, or sent twice by quiz-service under one id, counts once.
 *
 * <p>Generations: every key lives under {@code analytics:g<n>:}; {@code analytics:current} names the generation
 * that is read. A rebuild fills a fresh generation while the live consumers write to both, then swaps it in with
 * one atomic step (see {@link AnalyticsRebuild}).
 */
@Repository
class Aggregates {

    static final String LIVE = "live";
    private static final String STATUS = "analytics:rebuild";

    private static final RedisScript<Long> APPLY = script("apply", Long.class);
    private static final RedisScript<List> QUIZ = script("quiz", List.class);
    private static final RedisScript<List> USER = script("user", List.class);
    private static final RedisScript<List> LEADERBOARD = script("leaderboard", List.class);
    private static final RedisScript<Long> REBUILD_START = script("rebuild-start", Long.class);
    private static final RedisScript<Long> REBUILD_HEARTBEAT = script("rebuild-heartbeat", Long.class);
    private static final RedisScript<Long> REBUILD_SWAP = script("rebuild-swap", Long.class);
    private static final RedisScript<Long> REBUILD_ABANDON = script("rebuild-abandon", Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    Aggregates(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Applies attempts as the live consumers do; returns how many were new. */
    int apply(List<AttemptSubmitted.Data> attempts) {
        return apply(LIVE, attempts);
    }

    /** Applies attempts to one generation only, as a rebuild does; returns how many were new to it. */
    int applyTo(long generation, List<AttemptSubmitted.Data> attempts) {
        return apply(Long.toString(generation), attempts);
    }

    private int apply(String target, List<AttemptSubmitted.Data> attempts) {
        if (attempts.isEmpty()) {
            return 0;
        }
        String[] arguments = new String[attempts.size() + 1];
        arguments[0] = target;
        for (int i = 0; i < attempts.size(); i++) {
            arguments[i + 1] = json.writeValueAsString(ScriptAttempt.of(attempts.get(i)));
        }
        Long applied = redis.execute(APPLY, List.of(), (Object[]) arguments);
        return applied == null ? 0 : applied.intValue();
    }

    QuizStatistics quiz(String quizId) {
        List<?> reply = redis.execute(QUIZ, List.of(), quizId);
        Map<String, String> quiz = hash(reply, 0);
        Map<String, String> histogram = hash(reply, 1);
        Map<String, String> answered = hash(reply, 2);
        Map<String, String> correct = hash(reply, 3);
        long attempts = number(quiz.get("attempts"));
        long scoreSum = number(quiz.get("scoreSum"));
        long maxScoreSum = number(quiz.get("maxScoreSum"));
        int maxScore = (int) Math.max(
                number(quiz.get("maxScore")),
                histogram.keySet().stream().mapToLong(Long::parseLong).max().orElse(0));
        List<QuizStatistics.ScoreCount> scores = new ArrayList<>();
        if (attempts > 0) {
            for (int score = 0; score <= maxScore; score++) {
                scores.add(new QuizStatistics.ScoreCount(score, number(histogram.get(Integer.toString(score)))));
            }
        }
        List<QuizStatistics.QuestionStatistics> questions = answered.entrySet().stream()
                .map(entry -> {
                    long times = number(entry.getValue());
                    long right = number(correct.get(entry.getKey()));
                    return new QuizStatistics.QuestionStatistics(
                            entry.getKey(), times, right, times == 0 ? 0 : (double) right / times);
                })
                .sorted(Comparator.comparing(QuizStatistics.QuestionStatistics::questionId, Aggregates::natural))
                .toList();
        return new QuizStatistics(
                quizId,
                attempts,
                attempts == 0 ? 0 : (double) scoreSum / attempts,
                maxScoreSum == 0 ? 0 : 100.0 * scoreSum / maxScoreSum,
                maxScore,
                scores,
                questions);
    }

    UserProgress user(String userId) {
        List<?> reply = redis.execute(USER, List.of(), userId);
        Map<String, String> attempts = hash(reply, 0);
        Map<String, String> bestScore = hash(reply, 1);
        Map<String, String> bestMax = hash(reply, 2);
        List<UserProgress.SectionProgress> sections = new TreeMap<>(attempts)
                .entrySet().stream()
                        .map(entry -> {
                            int score = (int) number(bestScore.get(entry.getKey()));
                            int max = (int) number(bestMax.get(entry.getKey()));
                            return new UserProgress.SectionProgress(
                                    entry.getKey(),
                                    number(entry.getValue()),
                                    score,
                                    max,
                                    max == 0 ? 0 : 100.0 * score / max);
                        })
                        .toList();
        return new UserProgress(
                userId,
                sections.stream()
                        .mapToLong(UserProgress.SectionProgress::attempts)
                        .sum(),
                sections);
    }

    Leaderboard leaderboard(int limit) {
        List<?> reply = redis.execute(LEADERBOARD, List.of(), Integer.toString(limit));
        List<?> top = list(reply, 0);
        List<?> attempts = list(reply, 1);
        List<Leaderboard.Entry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < top.size(); i += 2) {
            Object userAttempts = i / 2 < attempts.size() ? attempts.get(i / 2) : null;
            entries.add(new Leaderboard.Entry(
                    entries.size() + 1,
                    String.valueOf(top.get(i)),
                    Math.round(Double.parseDouble(String.valueOf(top.get(i + 1)))),
                    userAttempts == null ? 0 : number(userAttempts)));
        }
        return new Leaderboard(entries);
    }

    /** Claims the rebuild: the new generation, or -1 when a rebuild is running already. */
    long claimRebuild(Duration claim) {
        return value(redis.execute(REBUILD_START, List.of(), Long.toString(claim.toMillis())));
    }

    /** Keeps the claim alive; false when it lapsed or another rebuild took over. */
    boolean heartbeat(long generation, Duration claim) {
        return value(redis.execute(
                        REBUILD_HEARTBEAT, List.of(), Long.toString(generation), Long.toString(claim.toMillis())))
                == 1;
    }

    /** Makes the generation current: the one it replaced, or -1 when the claim had lapsed. */
    long swap(long generation) {
        return value(redis.execute(REBUILD_SWAP, List.of(), Long.toString(generation)));
    }

    void abandon(long generation) {
        redis.execute(REBUILD_ABANDON, List.of(), Long.toString(generation));
    }

    /** The generation a rebuild is building now, if any. */
    @Nullable
    Long building() {
        String building = redis.opsForValue().get("analytics:building");
        return building == null ? null : Long.valueOf(building);
    }

    long current() {
        return number(redis.opsForValue().get("analytics:current"));
    }

    /** Removes every key of a generation, in small steps so Redis never blocks for long. */
    long deleteGeneration(long generation) {
        ScanOptions options = ScanOptions.scanOptions()
                .match("analytics:g" + generation + ":*")
                .count(500)
                .build();
        long deleted = 0;
        List<String> chunk = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(options)) {
            while (keys.hasNext()) {
                chunk.add(keys.next());
                if (chunk.size() == 500) {
                    deleted += unlink(chunk);
                }
            }
        }
        return deleted + unlink(chunk);
    }

    RebuildStatus status() {
        String stored = redis.opsForValue().get(STATUS);
        return stored == null ? RebuildStatus.idle() : json.readValue(stored, RebuildStatus.class);
    }

    void status(RebuildStatus status) {
        redis.opsForValue().set(STATUS, json.writeValueAsString(status));
    }

    private long unlink(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Long removed = redis.unlink(keys);
        keys.clear();
        return removed == null ? 0 : removed;
    }

    private static Map<String, String> hash(@Nullable List<?> reply, int index) {
        List<?> flat = list(reply, index);
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return hash;
    }

    private static List<?> list(@Nullable List<?> reply, int index) {
        return reply != null && index < reply.size() && reply.get(index) instanceof List<?> list ? list : List.of();
    }

    private static long value(@Nullable Long reply) {
        return reply == null ? -1 : reply;
    }

    private static long number(@Nullable Object value) {
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    /** Question ids in their natural order: q2 before q10. */
    private static int natural(String left, String right) {
        int byLength = Integer.compare(left.length(), right.length());
        return byLength != 0 ? byLength : left.compareTo(right);
    }

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return RedisScript.of(new ClassPathResource("analytics/" + name + ".lua"), type);
    }

    /** An attempt as the apply script reads it. */
    record ScriptAttempt(
            String id, String quiz, String section, String user, int score, int max, List<ScriptResult> results) {

        static ScriptAttempt of(AttemptSubmitted.Data attempt) {
            return new ScriptAttempt(
                    attempt.attemptId(),
                    attempt.quizId(),
                    attempt.section(),
                    attempt.userId(),
                    attempt.score(),
                    attempt.maxScore(),
                    attempt.resultsOrEmpty().stream()
                            .map(result -> new ScriptResult(result.questionId(), result.correct()))
                            .toList());
        }
    }

    record ScriptResult(String question, boolean correct) {}
}
