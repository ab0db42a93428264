package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The bucket script on a real redis-server, with the clock given (the stock script's optional "now" argument, in
 * seconds), so refills are exact: a bucket of 20 refilled at 10 a second.
 */
class TokenLeaseScriptTests {

    private static final RedisScript<List<Long>> script = RateLimitConfiguration.tokenLeaseScript();
    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;

    private final String bucket = "request_rate_limiter.{reads:user:" + UUID.randomUUID() + "}.";

    @BeforeAll
    static void connect() {
        connections = TestRedis.connect();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void aFullBucketHandsOutALeaseAndKeepsTheRest() {
        assertThat(run(1000, 1, 5)).containsExactly(5L, 15L);
        assertThat(run(1000, 1, 5)).containsExactly(5L, 10L);
    }

    @Test
    void theLastTokensGoOutAsASmallerLeaseThenTheBucketRefuses() {
        for (int i = 0; i < 3; i++) {
            run(1000, 1, 6);
        }

        assertThat(run(1000, 1, 6)).containsExactly(2L, 0L);
        assertThat(run(1000, 1, 6)).containsExactly(0L, 0L);
    }

    @Test
    void aRequestNeedingMoreThanIsLeftIsRefusedAndTakesNothing() {
        run(1000, 1, 18);

        assertThat(run(1000, 3, 5)).containsExactly(0L, 2L);
        assertThat(run(1000, 2, 5)).containsExactly(2L, 0L);
    }

    @Test
    void aLeaseIsNeverLessThanTheRequestNeeds() {
        assertThat(run(1000, 4, 1)).containsExactly(4L, 16L);
    }

    @Test
    void theBucketRefillsAtItsRateUpToItsCapacity() {
        run(1000, 1, 20);

        assertThat(run(1000, 1, 5)).containsExactly(0L, 0L);
        assertThat(run(1001, 1, 100)).containsExactly(10L, 0L);
        assertThat(run(1005, 1, 100)).containsExactly(20L, 0L); // 40 in 4 s, but it holds 20
    }

    @Test
    void theBucketIsTheStockLimitersSoEitherScriptSpendsIt() {
        run(1000, 1, 5);

        assertThat(redis.opsForValue().get(bucket + "tokens").block(Duration.ofSeconds(5)))
                .isEqualTo("15");
        assertThat(redis.opsForValue().get(bucket + "timestamp").block(Duration.ofSeconds(5)))
                .isEqualTo("1000");
        assertThat(redis.getExpire(bucket + "tokens").block(Duration.ofSeconds(5)))
                .isPositive();
    }

    /** One run with a bucket of 20 refilled at 10 a second, at {@code now} seconds. */
    private List<Long> run(long now, int requested, int lease) {
        List<String> arguments =
                List.of("10", "20", Long.toString(now), Integer.toString(requested), Integer.toString(lease));
        return redis.execute(script, List.of(bucket + "tokens", bucket + "timestamp"), arguments)
                .reduceWith(() -> new ArrayList<Long>(2), (all, some) -> {
                    all.addAll(some);
                    return all;
                })
                .block(Duration.ofSeconds(5));
    }
}
