package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;

/** The limiter on a real redis-server: how often a busy client's requests reach Redis, and that the limit holds. */
class TokenLeaseLimiterTests {

    private static LettuceConnectionFactory connections;

    private final CountingRedis redis = new CountingRedis(connections);
    private final AtomicLong now = new AtomicLong(); // the leases' clock
    private final String client = "reads:user:" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        connections = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void aBusyClientsRequestsAskRedisOncePerLease() {
        ReadWriteRateLimiter limiter = limiter(1000, 1000, 10, Duration.ofMinutes(1));

        for (int i = 0; i < 25; i++) {
            assertThat(allow(limiter).isAllowed()).isTrue();
        }

        assertThat(redis.scriptRuns.get()).isEqualTo(3);
    }

    @Test
    void answersSpentFromALeaseCarryWhatTheClientHasLeft() {
        ReadWriteRateLimiter limiter = limiter(1000, 1000, 10, Duration.ofMinutes(1));

        assertThat(allow(limiter).getHeaders()).containsEntry("X-RateLimit-Remaining", "999");
        assertThat(allow(limiter).getHeaders())
                .containsEntry("X-RateLimit-Remaining", "998")
                .containsEntry("X-RateLimit-Burst-Capacity", "1000");
        assertThat(redis.scriptRuns.get()).isEqualTo(1);
    }

    @Test
    void withLeasesOfOneEveryRequestAsksRedis() {
        ReadWriteRateLimiter limiter = limiter(1000, 1000, 1, Duration.ofMinutes(1));

        for (int i = 0; i < 25; i++) {
            allow(limiter);
        }

        assertThat(redis.scriptRuns.get()).isEqualTo(25);
    }

    @Test
    void aLeaseNotSpentInTimeIsNotSpentLater() {
        ReadWriteRateLimiter limiter = limiter(1000, 1000, 10, Duration.ofMillis(100));
        allow(limiter);

        now.addAndGet(Duration.ofMillis(200).toNanos());
        allow(limiter);

        assertThat(redis.scriptRuns.get()).isEqualTo(2);
    }

    @Test
    void aClientThatSpentItsBucketIsRefusedThoughRequestsSpendLeases() {
        // bursts of 100, 100 a second: leases of 10; a refill or two may come while the requests are sent
        ReadWriteRateLimiter limiter = limiter(100, 100, 10, Duration.ofMinutes(1));
        int allowed = 0;
        Response refused = null;
        for (int i = 0; i < 1000 && refused == null; i++) {
            Response response = allow(limiter);
            if (response.isAllowed()) {
                allowed++;
            } else {
                refused = response;
            }
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getHeaders()).containsEntry("X-RateLimit-Remaining", "0");
        assertThat(allowed).isBetween(100, 100 + 2 * 100);
    }

    @Test
    void twoGatewayInstancesSpendTheSameBucket() {
        ReadWriteRateLimiter one = limiter(10, 20, 100, Duration.ofMinutes(1)); // leases of 1: exact counts
        ReadWriteRateLimiter other = limiter(10, 20, 100, Duration.ofMinutes(1));

        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            allowed += allow(i % 2 == 0 ? one : other).isAllowed() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(20);
        // apart, each instance would have let 10 through: 15 more fit both, even with a refill of 10 meanwhile
        int refused = 0;
        for (int i = 0; i < 15; i++) {
            refused += allow(i % 2 == 0 ? one : other).isAllowed() ? 0 : 1;
        }
        assertThat(refused).isPositive();
    }

    private Response allow(ReadWriteRateLimiter limiter) {
        return limiter.isAllowed("content-service", client).block(Duration.ofSeconds(5));
    }

    private ReadWriteRateLimiter limiter(int rate, long burst, int maxLease, Duration leaseFor) {
        RateLimitProperties.Budget reads = new RateLimitProperties.Budget(rate, burst, 1);
        RateLimitProperties properties = new RateLimitProperties(
                true, reads, null, Duration.ofSeconds(1), Duration.ofMinutes(1), maxLease, leaseFor);
        ConfigurationService configuration = new ConfigurationService(
                new DefaultListableBeanFactory(), DefaultConversionService::getSharedInstance, () -> null);
        return new ReadWriteRateLimiter(
                redis,
                RateLimitConfiguration.tokenLeaseScript(),
                configuration,
                properties,
                new SimpleMeterRegistry(),
                now::get);
    }

    /** The real template, counting the scripts it runs. */
    private static final class CountingRedis extends ReactiveStringRedisTemplate {

        final AtomicInteger scriptRuns = new AtomicInteger();

        CountingRedis(ReactiveRedisConnectionFactory connections) {
            super(connections);
        }

        @Override
        public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<?> args) {
            scriptRuns.incrementAndGet();
            return super.execute(script, keys, args);
        }
    }
}
