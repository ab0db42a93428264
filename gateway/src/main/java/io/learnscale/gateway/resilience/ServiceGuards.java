package io.learnscale.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.learnscale.gateway.web.ProblemException;
import io.learnscale.gateway.web.RequestLogContext;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Runs every call to an {@code lb://<service>} route through that service's {@link ServiceGuard}: the circuit
 * breaker decides whether the call may go at all (an open circuit: 503 problem+json with Retry-After, nothing
 * sent), the time limiter bounds it until the response headers arrive (a late answer: 504 problem+json), and the
 * outcome is recorded.
 *
 * <p>What the breaker counts as a failure: only what says the service is unhealthy. A connection refused, timed
 * out, closed or reset; no answer within the time limit; an answer 500, 502, 503 or 504 (passed through to the
 * client untouched all the same). A success: any other answer, 4xx included (the caller's fault, not the
 * service's). Neither (the permission is handed back): no ready instance at all (nothing was sent), the caller
 * going away, and errors of the gateway's own (a body too large). A killed instance whose request succeeds on the
 * retry (balancing: {@code Failover}, inside this guard) is a success: the breaker sees each client call once.
 */
final class ServiceGuards implements GlobalFilter, Ordered {

    /** After the route's URL is set, before the retry and the balancer, so both run inside the guard. */
    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;

    private static final Logger log = LoggerFactory.getLogger(ServiceGuards.class);

    private final CircuitBreakerRegistry breakers;
    private final TimeLimiterRegistry limiters;
    private final ConcurrentMap<String, ServiceGuard> guards = new ConcurrentHashMap<>();

    ServiceGuards(CircuitBreakerRegistry breakers, TimeLimiterRegistry limiters) {
        this.breakers = breakers;
        this.limiters = limiters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI uri = route != null ? route.getUri() : null;
        if (uri == null || !"lb".equals(uri.getScheme()) || uri.getHost() == null) {
            return chain.filter(exchange);
        }
        ServiceGuard guard = guard(uri.getHost());
        if (!guard.breaker().tryAcquirePermission()) {
            log.debug(
                    "Circuit of {} is open: {} refused",
                    guard.service(),
                    exchange.getRequest().getPath());
            return Mono.error(ProblemException.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "The service behind "
                                    + exchange.getRequest().getPath().value()
                                    + " is failing, so the gateway is not calling it for now; retry later.")
                    .retryAfter(guard.retryAfter()));
        }
        Call call = new Call(guard, exchange);
        return chain.filter(exchange)
                .timeout(guard.timeout())
                .doOnSuccess(call)
                .onErrorMap(call)
                .doOnCancel(call);
    }

    /** The guard of a service, made on its first call. */
    ServiceGuard guard(String service) {
        ServiceGuard guard = guards.get(service);
        return guard != null
                ? guard
                : guards.computeIfAbsent(
                        service,
                        name -> new ServiceGuard(name, breakers.circuitBreaker(name), limiters.timeLimiter(name)));
    }

    /** 500, 502, 503, 504: the service, or what it depends on, is failing. */
    static boolean isUnhealthy(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** An error that means the service is unhealthy; see the class comment. */
    static boolean isUnhealthy(Throwable error) {
        if (error instanceof NotFoundException) {
            return false; // no ready instance: nothing was sent
        }
        if (error instanceof ErrorResponse response) {
            return isUnhealthy(response.getStatusCode().value()); // a 504 from the client's response timeout
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true; // refused, reset, closed before the answer
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** One guarded call: records its outcome exactly once, whichever way it ends. */
    private static final class Call implements Consumer<Void>, Function<Throwable, Throwable>, Runnable {

        private final ServiceGuard guard;
        private final ServerWebExchange exchange;
        private final long started = System.nanoTime();

        Call(ServiceGuard guard, ServerWebExchange exchange) {
            this.guard = guard;
            this.exchange = exchange;
        }

        /** The response headers arrived. */
        @Override
        public void accept(Void ignored) {
            long elapsed = System.nanoTime() - started;
            CircuitBreaker breaker = guard.breaker();
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && isUnhealthy(status.value())) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, UnhealthyAnswer.INSTANCE);
            } else {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            }
            guard.limiter().onSuccess();
        }

        /** It failed, or took too long. */
        @Override
        public Throwable apply(Throwable error) {
            long elapsed = System.nanoTime() - started;
            if (error instanceof TimeoutException) {
                guard.breaker().onError(elapsed, TimeUnit.NANOSECONDS, error);
                guard.limiter().onError(error);
                try (var ignored = RequestLogContext.of(exchange)) {
                    log.warn(
                            "{} did not answer {} {} within {}",
                            guard.service(),
                            exchange.getRequest().getMethod().name(),
                            exchange.getRequest().getPath().value(),
                            describe(guard.timeout()));
                }
                return ProblemException.of(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "The service behind " + exchange.getRequest().getPath().value() + " did not answer within "
                                + describe(guard.timeout()) + ".");
            }
            if (isUnhealthy(error)) {
                guard.breaker().onError(elapsed, TimeUnit.NANOSECONDS, error);
                guard.limiter().onError(error);
            } else {
                guard.breaker().releasePermission();
            }
            return error;
        }

        /** The caller went away. */
        @Override
        public void run() {
            guard.breaker().releasePermission();
        }
    }

    /** What the breaker records for an answer 5xx: a marker, shared, without a stack trace. */
    static final class UnhealthyAnswer extends RuntimeException {

        static final UnhealthyAnswer INSTANCE = new UnhealthyAnswer();

        private UnhealthyAnswer() {
            super("the service answered 500, 502, 503 or 504", null, false, false);
        }
    }
}
