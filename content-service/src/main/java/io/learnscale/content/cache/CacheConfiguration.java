package io.learnscale.content.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The cache, its circuit breaker (named {@code redis}) and a Redis client that fails fast and reconnects soon. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    static final String BREAKER = "redis";

    @Bean
    CircuitBreakerRegistry cacheCircuitBreakers(CacheProperties properties) {
        CacheProperties.Breaker breaker = properties.breaker();
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .slowCallDurationThreshold(breaker.slowCallThreshold())
                .slowCallRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
                .build());
    }

    /** {@code resilience4j_circuitbreaker_state{name="redis"}} and friends. */
    @Bean
    MeterBinder cacheCircuitBreakerMetrics(CircuitBreakerRegistry cacheCircuitBreakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(cacheCircuitBreakers);
    }

    @Bean
    ContentCache contentCache(
            StringRedisTemplate redis,
            CircuitBreakerRegistry cacheCircuitBreakers,
            JsonMapper json,
            MeterRegistry meters,
            CacheProperties properties) {
        CacheMetrics metrics = new CacheMetrics(meters);
        RedisStore store = new RedisStore(redis, cacheCircuitBreakers.circuitBreaker(BREAKER), metrics);
        return new ContentCache(store, json, metrics, properties);
    }

    /** While the connection is down, a command fails at once instead of waiting in a queue for its timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** Reconnect within a second of Redis coming back (Lettuce's default backs off up to 30 s). */
    @Bean
    ClientResourcesBuilderCustomizer quickReconnect() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
