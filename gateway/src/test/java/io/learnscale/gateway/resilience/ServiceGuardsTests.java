package io.learnscale.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.learnscale.gateway.web.ProblemException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ServiceGuardsTests {

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(10)
            .minimumNumberOfCalls(10)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(1)
            .build());
    private final TimeLimiterRegistry limiters = TimeLimiterRegistry.of(
            TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(200)).build());
    private final ServiceGuards guards = new ServiceGuards(breakers, limiters);
    private final CircuitBreaker breaker = breakers.circuitBreaker("content-service");
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void answers500To504CountAsFailures() {
        for (HttpStatus status : new HttpStatus[] {
            HttpStatus.INTERNAL_SERVER_ERROR,
            HttpStatus.BAD_GATEWAY,
            HttpStatus.SERVICE_UNAVAILABLE,
            HttpStatus.GATEWAY_TIMEOUT
        }) {
            StepVerifier.create(guards.filter(exchange(), answering(status))).verifyComplete();
        }

        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
    }

    @Test
    void otherAnswersCountAsSuccesses() {
        for (HttpStatus status : new HttpStatus[] {
            HttpStatus.OK,
            HttpStatus.NOT_FOUND,
            HttpStatus.CONFLICT,
            HttpStatus.TOO_MANY_REQUESTS,
            HttpStatus.NOT_IMPLEMENTED
        }) {
            StepVerifier.create(guards.filter(exchange(), answering(status))).verifyComplete();
        }

        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(5);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void connectionFailuresCountAsFailures() {
        StepVerifier.create(guards.filter(exchange(), failing(new ConnectException("refused"))))
                .verifyError(ConnectException.class);
        StepVerifier.create(guards.filter(exchange(), failing(new IOException("Connection reset by peer"))))
                .verifyError(IOException.class);

        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
    }

    @Test
    void aCallOverTheTimeLimitIsATimeoutProblemAndAFailure() {
        StepVerifier.create(guards.filter(exchange(), exchange -> Mono.never()))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ProblemException.class);
                    assertThat(((ProblemException) error).getStatusCode().value())
                            .isEqualTo(504);
                })
                .verify(Duration.ofSeconds(10));

        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void noInstanceTheCallerGoingAwayAndGatewayErrorsAreNeither() {
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState(); // one trial call: each outcome below must hand it back

        StepVerifier.create(guards.filter(exchange(), failing(NotFoundException.create(false, "no instance"))))
                .verifyError(NotFoundException.class);
        StepVerifier.create(
                        guards.filter(exchange(), failing(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE))))
                .verifyError(ResponseStatusException.class);
        Disposable cancelled =
                guards.filter(exchange(), exchange -> Mono.never()).subscribe();
        cancelled.dispose();

        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
        assertThat(breaker.tryAcquirePermission()).isTrue();
    }

    @Test
    void anOpenCircuitRefusesWithRetryAfterAndCallsNothing() {
        breaker.transitionToOpenState();
        guards.guard("content-service"); // the guard learns the circuit's timing from its transitions
        breaker.transitionToClosedState();
        breaker.transitionToOpenState();

        StepVerifier.create(guards.filter(exchange(), answering(HttpStatus.OK)))
                .expectErrorSatisfies(error -> {
                    ProblemException problem = (ProblemException) error;
                    assertThat(problem.getStatusCode().value()).isEqualTo(503);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isIn("29", "30");
                })
                .verify();
        assertThat(calls).hasValue(0);
    }

    @Test
    void whatMeansUnhealthy() {
        assertThat(ServiceGuards.isUnhealthy(new TimeoutException())).isTrue();
        assertThat(ServiceGuards.isUnhealthy(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)))
                .isTrue();
        assertThat(ServiceGuards.isUnhealthy(new IllegalStateException(new ConnectException())))
                .isTrue();
        assertThat(ServiceGuards.isUnhealthy(NotFoundException.create(false, "none")))
                .isFalse();
        assertThat(ServiceGuards.isUnhealthy(ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "big")))
                .isFalse();
        assertThat(ServiceGuards.isUnhealthy(new IllegalArgumentException())).isFalse();
    }

    private GatewayFilterChain answering(HttpStatus status) {
        return exchange -> Mono.fromRunnable(() -> {
            calls.incrementAndGet();
            exchange.getResponse().setStatusCode(status);
        });
    }

    private GatewayFilterChain failing(Throwable error) {
        return exchange -> {
            calls.incrementAndGet();
            return Mono.error(error);
        };
    }

    private static MockServerWebExchange exchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/topics/x").build());
        exchange.getAttributes()
                .put(
                        ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
                        Route.async()
                                .id("content-service")
                                .uri("lb://content-service")
                                .predicate(e -> true)
                                .build());
        return exchange;
    }
}
