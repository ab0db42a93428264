package io.learnscale.quiz.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce tuned to fail fast and recover fast when Redis goes away. (The {@code redis} breaker's metrics,
 * {@code resilience4j_circuitbreaker_state{name="redis"}} and friends, are bound by Spring Cloud CircuitBreaker.)
 */
@Configuration(proxyBeanMethods = false)
class RedisConfig {

    /** While disconnected, fail a command at once rather than queue it until its timeout. */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true);
    }

    /** Reconnect within a second of Redis coming back (Lettuce's default backs off to 30 s). */
    @Bean
    ClientResourcesBuilderCustomizer quickReconnect() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
