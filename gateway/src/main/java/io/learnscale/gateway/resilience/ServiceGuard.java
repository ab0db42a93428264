package io.learnscale.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One downstream service's circuit breaker and time limiter, and what an open circuit tells the caller: how long
 * until it lets a trial call through ({@code Retry-After}).
 */
final class ServiceGuard {

    private static final Logger log = LoggerFactory.getLogger(ServiceGuard.class);

    private final String service;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final Duration timeout;

    /** While open: when the breaker lets a trial call through ({@link System#nanoTime()}). */
    private volatile long halfOpensAt;

    ServiceGuard(String service, CircuitBreaker breaker, TimeLimiter limiter) {
        this.service = service;
        this.breaker = breaker;
        this.limiter = limiter;
        this.timeout = limiter.getTimeLimiterConfig().getTimeoutDuration();
        breaker.getEventPublisher().onStateTransition(this::onTransition);
    }

    String service() {
        return service;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    TimeLimiter limiter() {
        return limiter;
    }

    /** How long a call may take until its response headers arrive, a retry included. */
    Duration timeout() {
        return timeout;
    }

    /** What a caller turned away should wait: until the open circuit lets a trial call through, at least 1 s. */
    Duration retryAfter() {
        if (breaker.getState() != State.OPEN) {
            return Duration.ofSeconds(1); // half open: the trial calls are under way
        }
        return Duration.ofNanos(Math.max(0, halfOpensAt - System.nanoTime()));
    }

    private void onTransition(CircuitBreakerOnStateTransitionEvent event) {
        State to = event.getStateTransition().getToState();
        if (to == State.OPEN) {
            long waitMillis = breaker.getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState()
                    .apply(1);
            halfOpensAt = System.nanoTime() + Duration.ofMillis(waitMillis).toNanos();
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            log.warn(
                    "Circuit of {} is open: {}% of the last {} calls failed; calls are refused with 503 for {} ms",
                    service, Math.round(metrics.getFailureRate()), metrics.getNumberOfBufferedCalls(), waitMillis);
        } else {
            log.info(
                    "Circuit of {} is {}",
                    service,
                    to.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }
}
