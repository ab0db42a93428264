package io.learnscale.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The limiter and the key resolver the {@code RequestRateLimiter} default filter uses (application.yml:
 * {@code spring.cloud.gateway.server.webflux.default-filters}), the 429 body, and a Redis client that gives up at
 * once while Redis is unreachable (the limiter fails open then) and reconnects within 2 s when it is back.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** The stock bucket script, handing out leases of tokens (ratelimit/TokenLeases). */
    static final String SCRIPT = "ratelimit/token-lease.lua";

    /** Replaces the stock {@code redisRateLimiter} bean (same type), so it is the filter's default limiter too. */
    @Bean
    ReadWriteRateLimiter readWriteRateLimiter(
            ReactiveStringRedisTemplate redis,
            ConfigurationService configurationService,
            RateLimitProperties properties,
            MeterRegistry meters) {
        return new ReadWriteRateLimiter(redis, tokenLeaseScript(), configurationService, properties, meters);
    }

    static RedisScript<List<Long>> tokenLeaseScript() {
        @SuppressWarnings("unchecked")
        Class<List<Long>> resultType = (Class<List<Long>>) (Class<?>) List.class;
        return inMemory(RedisScript.of(new ClassPathResource(SCRIPT), resultType));
    }

    /**
     * A script read once. From a resource in a jar, every call would ask that resource whether it changed (a jar
     * URL opened, an exception thrown and caught): about a tenth of the gateway's CPU per request.
     */
    static RedisScript<List<Long>> inMemory(RedisScript<List<Long>> script) {
        return RedisScript.of(script.getScriptAsString(), script.getResultType());
    }

    /** Replaces the stock {@code principalNameKeyResolver}, which refuses anonymous callers. */
    @Bean
    ClientKeyResolver clientKeyResolver() {
        return new ClientKeyResolver();
    }

    @Bean
    TooManyRequests tooManyRequests(RateLimitProperties properties) {
        return new TooManyRequests(properties);
    }

    /**
     * While the connection to Redis is down, commands fail at once instead of queueing until the command timeout:
     * the limiter lets the request through without waiting.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** Reconnect attempts 100 ms apart at first, never more than 2 s (Lettuce's default backs off to 30 s). */
    @Bean
    ClientResourcesBuilderCustomizer reconnectWithin2Seconds() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}
