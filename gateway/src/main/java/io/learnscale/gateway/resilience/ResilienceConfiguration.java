package io.learnscale.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Guards every {@code lb://} route with its service's circuit breaker and time limiter. The registries come from
 * Resilience4j's Spring Boot support (through {@code spring-cloud-starter-circuitbreaker-reactor-resilience4j}),
 * which reads {@code resilience4j.*} and binds the metrics.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    ServiceGuards serviceGuards(CircuitBreakerRegistry breakers, TimeLimiterRegistry limiters) {
        return new ServiceGuards(breakers, limiters);
    }
}
