package io.learnscale.quiz.redis;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every Redis call of quiz-service goes through here: one Resilience4j circuit breaker ({@code redis}) in front of
 * short Lettuce timeouts, so a Redis outage costs a request at most one timeout and then nothing while the circuit
 * is open. Failures come out as {@link RedisUnavailableException}; the cache treats that as a miss, idempotency as a
 * 503.
 */
@Component
public class RedisGuard {

    public static final String BREAKER = "redis";

    private final CircuitBreaker breaker;

    RedisGuard(CircuitBreakerRegistry breakers) {
        this.breaker = breakers.circuitBreaker(BREAKER);
    }

    public <T> T call(Supplier<T> action) {
        try {
            return breaker.executeSupplier(action);
        } catch (CallNotPermittedException e) {
            throw new RedisUnavailableException("Redis circuit breaker is open", e);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException("Redis call failed: " + e.getMessage(), e);
        }
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** False while the breaker is open: callers may skip optional work instead of failing fast one by one. */
    public boolean permitsCalls() {
        return breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }
}
