package io.learnscale.content.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Redis cache: how long entries live, the key prefix shared by every instance, and when the circuit breaker
 * around Redis opens.
 */
@ConfigurationProperties("learnscale.cache")
record CacheProperties(String keyPrefix, Duration topicTtl, Duration listingTtl, Breaker breaker) {

    /** Resilience4j circuit breaker settings for the calls to Redis. */
    record Breaker(
            float failureRateThreshold,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            Duration slowCallThreshold,
            Duration waitInOpenState,
            int permittedCallsInHalfOpenState) {}
}
