package io.learnscale.search.analytics;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * After a Redis outage the client reconnects within about two seconds of Redis being back (Lettuce's default
 * back-off grows to 30 s), so the consumers that were backing off catch up promptly.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsRedisConfig {

    @Bean
    ClientResourcesBuilderCustomizer promptReconnect() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}
