package io.learnscale.search.analytics;

import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * The analytics aggregates, in Redis and shared by every search-service instance. Each attempt is applied by one
 * atomic script that records its id and updates the aggregates together, so a redelivered attempt counts once.
 */
@Repository
class Aggregates {

    private static final String APPLIED = "analytics:applied";

    private static final RedisScript<Long> APPLY = RedisScript.of("""
            if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('HINCRBY', KEYS[2], 'attempts', 1)
            redis.call('HINCRBY', KEYS[2], 'scoreSum', ARGV[2])
            redis.call('HINCRBY', KEYS[2], 'maxScoreSum', ARGV[3])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    Aggregates(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Applies one attempt; false when it had been applied already. */
    boolean apply(AttemptSubmitted.Data attempt) {
        Long applied = redis.execute(
                APPLY,
                List.of(APPLIED, quizKey(attempt.quizId())),
                attempt.attemptId(),
                attempt.score().toString(),
                attempt.maxScore().toString());
        return applied != null && applied == 1;
    }

    QuizStatistics quiz(String quizId) {
        Map<Object, Object> hash = redis.opsForHash().entries(quizKey(quizId));
        long attempts = number(hash.get("attempts"));
        long scoreSum = number(hash.get("scoreSum"));
        long maxScoreSum = number(hash.get("maxScoreSum"));
        return new QuizStatistics(
                quizId,
                attempts,
                attempts == 0 ? 0 : (double) scoreSum / attempts,
                maxScoreSum == 0 ? 0 : 100.0 * scoreSum / maxScoreSum);
    }

    private static String quizKey(String quizId) {
        return "analytics:quiz:" + quizId;
    }

    private static long number(Object value) {
        return value == null ? 0 : Long.parseLong(value.toString());
    }
}
