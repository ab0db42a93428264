package io.learnscale.gateway.ratelimit;

import io.learnscale.gateway.web.ProblemException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives the {@code RequestRateLimiter} filter's 429 a body: the stock filter sets the status and ends the response
 * empty; here that ending becomes a 429 problem+json (through the gateway's error handling: the stable type, the
 * request id) with {@code Retry-After}, keeping the {@code X-RateLimit-*} headers the filter set. Runs before the
 * route's filters; a 429 a service sends itself passes through untouched (it is written, not ended empty, and only
 * after the request was routed).
 */
final class TooManyRequests implements GlobalFilter, Ordered {

    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private final boolean enabled;

    TooManyRequests(RateLimitProperties properties) {
        this.enabled = properties.enabled();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().response(new Refusal(exchange)).build());
    }

    private static final class Refusal extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        Refusal(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> setComplete() {
            if (HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode())
                    && !isCommitted()
                    && !ServerWebExchangeUtils.isAlreadyRouted(exchange)) {
                return Mono.error(problem());
            }
            return super.setComplete();
        }

        private ProblemException problem() {
            HttpHeaders headers = getHeaders();
            RequestKind kind = RequestKind.of(exchange.getRequest().getMethod());
            long rate = number(headers.getFirst(RedisRateLimiter.REPLENISH_RATE_HEADER), 1);
            long burst = number(headers.getFirst(RedisRateLimiter.BURST_CAPACITY_HEADER), rate);
            long requested = number(headers.getFirst(RedisRateLimiter.REQUESTED_TOKENS_HEADER), 1);
            // the bucket gains `rate` tokens each second (Redis's clock, whole seconds)
            long seconds = Math.max(1, (requested + rate - 1) / Math.max(1, rate));
            return ProblemException.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many " + kind.label() + ": this client may make " + rate + " a second, in bursts"
                                    + " of up to " + burst + "; retry after " + seconds + " s.")
                    .retryAfter(Duration.ofSeconds(seconds));
        }

        private static long number(@Nullable String header, long fallback) {
            if (header == null) {
                return fallback;
            }
            try {
                return Long.parseLong(header);
            } catch (NumberFormatException notANumber) {
                return fallback;
            }
        }
    }
}
