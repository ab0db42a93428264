package io.learnscale.quiz.attempt;

import io.learnscale.quiz.redis.RedisGuard;
import io.learnscale.quiz.redis.RedisUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The Idempotency-Key records, in Redis (shared by every instance). A record is claimed atomically before the
 * attempt is processed ({@code pending}, with a lease), then either completed with the response (kept for the
 * {@code ttl}) or released when the attempt failed, so that a retry can go through. The lease bounds how long a
 * crashed instance's claim blocks the key.
 */
@Component
class IdempotencyRecords {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

    static final String PREFIX = "quiz:idempotency:";

    /** Claims an absent record; otherwise reports what is there. */
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then
              redis.call('HSET', KEYS[1], 'state', 'pending', 'fingerprint', ARGV[1], 'token', ARGV[2])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              return {'claimed'}
            end
            if redis.call('HGET', KEYS[1], 'fingerprint') ~= ARGV[1] then
              return {'reused'}
            end
            if state == 'pending' then
              return {'pending'}
            end
            return {'done', redis.call('HGET', KEYS[1], 'response')}""", List.class);

    /** Stores the response of the holder of the claim. */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'state', 'done', 'response', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""", Long.class);

    /** Drops a claim that is still the holder's and still pending. */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'token') == ARGV[1] and redis.call('HGET', KEYS[1], 'state') == 'pending' then
              return redis.call('DEL', KEYS[1])
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;
    private final RedisGuard guard;
    private final IdempotencyProperties properties;

    IdempotencyRecords(StringRedisTemplate redis, RedisGuard guard, IdempotencyProperties properties) {
        this.redis = redis;
        this.guard = guard;
        this.properties = properties;
    }

    static String recordKey(String user, String idempotencyKey) {
        return PREFIX + sha256(user + "\n" + idempotencyKey);
    }

    /**
     * @return the claim to process the request under, or the response stored for it
     * @throws IdempotencyKeyReusedException the key was used for another request
     * @throws AttemptInFlightException a request with this key is being processed
     * @throws IdempotencyUnavailableException Redis cannot be reached
     */
    Outcome claim(String user, String idempotencyKey, String fingerprint) {
        String key = recordKey(user, idempotencyKey);
        String token = UUID.randomUUID().toString();
        List<?> answer;
        try {
            answer = guard.call(() -> redis.execute(
                    CLAIM,
                    List.of(key),
                    fingerprint,
                    token,
                    Long.toString(properties.lease().toMillis())));
        } catch (RedisUnavailableException e) {
            throw new IdempotencyUnavailableException(e);
        }
        if (answer == null || answer.isEmpty()) {
            throw new IdempotencyUnavailableException(new IllegalStateException("empty answer from Redis"));
        }
        return switch (String.valueOf(answer.get(0))) {
            case "claimed" -> new Claimed(key, token);
            case "reused" -> throw new IdempotencyKeyReusedException();
            case "pending" -> throw new AttemptInFlightException();
            case "done" -> new Replay(String.valueOf(answer.get(1)));
            default -> throw new IllegalStateException("Unexpected claim answer " + answer);
        };
    }

    /** Keeps the response for the key's lifetime; a failure only costs the replay (the attempt id stays stable). */
    void complete(Claimed claim, String response) {
        try {
            guard.call(() -> redis.execute(
                    COMPLETE,
                    List.of(claim.key()),
                    claim.token(),
                    response,
                    Long.toString(properties.ttl().toMillis())));
        } catch (RedisUnavailableException e) {
            log.warn("Response for idempotency record {} not stored: {}", claim.key(), e.getMessage());
        }
    }

    /** Lets a retry through after a failed attempt; if Redis is gone, the lease runs out instead. */
    void release(Claimed claim) {
        try {
            guard.call(() -> redis.execute(RELEASE, List.of(claim.key()), claim.token()));
        } catch (RedisUnavailableException e) {
            log.warn("Idempotency record {} not released, its lease will expire: {}", claim.key(), e.getMessage());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    sealed interface Outcome permits Claimed, Replay {}

    /** This request holds the key: process it, then complete or release. */
    record Claimed(String key, String token) implements Outcome {}

    /** The key was used for an equal request that succeeded: answer with its response. */
    record Replay(String response) implements Outcome {}

    /**
     * @param ttl how long a response is kept for replays (DESIGN: 24 h)
     * @param lease how long a claim blocks the key if its holder never completes nor releases it
     */
    @ConfigurationProperties("learnscale.idempotency")
    record IdempotencyProperties(Duration ttl, Duration lease) {}
}
