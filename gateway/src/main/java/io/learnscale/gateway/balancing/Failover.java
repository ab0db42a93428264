package io.learnscale.gateway.balancing;

import io.learnscale.gateway.web.RequestLogContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * The retry of DESIGN (Retry at the gateway): a request the {@link RetryRule} allows is sent once more, to
 * another instance, when its connection failed or was reset before any response arrived (refused, connect
 * timeout, closed or reset by a killed instance). Never on a response, whatever its status (a 503 a service
 * answered is passed through), never on a timeout, never twice, never any other request.
 *
 * <p>Sits just before the balancing filter, so the second attempt is balanced again, with the failed instance
 * excluded ({@link InstanceBalancer#EXCLUDED_INSTANCE_ATTR}); with no other instance the first failure stands. A
 * keyed attempt's body is held in memory (it is small and capped by {@code max-request-body}) so it can be sent
 * twice; GET and HEAD cost one operator, other requests nothing.
 */
final class Failover implements GlobalFilter, Ordered {

    static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

    private static final Logger log = LoggerFactory.getLogger(Failover.class);
    private static final byte[] NO_BYTES = {};

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI balanced = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (balanced == null || !"lb".equals(balanced.getScheme())) {
            return chain.filter(exchange);
        }
        return switch (RetryRule.of(exchange.getRequest())) {
            case NEVER -> chain.filter(exchange);
            case WITHOUT_BODY -> withOneRetry(exchange, chain, balanced);
            case WITH_BODY -> replayable(exchange).flatMap(replayable -> withOneRetry(replayable, chain, balanced));
        };
    }

    private Mono<Void> withOneRetry(ServerWebExchange exchange, GatewayFilterChain chain, URI balanced) {
        return chain.filter(exchange).onErrorResume(failure -> {
            String failedOn = failedBeforeAnyResponse(exchange, failure) ? instanceId(exchange) : null;
            if (failedOn == null) {
                return Mono.error(failure);
            }
            exchange.getAttributes().put(InstanceBalancer.EXCLUDED_INSTANCE_ATTR, failedOn);
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, balanced);
            ServerWebExchangeUtils.reset(exchange);
            ServerWebExchange again = RetryRule.of(exchange.getRequest()) == RetryRule.WITHOUT_BODY
                    ? exchange.mutate()
                            .request(new NoBody(exchange.getRequest()))
                            .build()
                    : exchange;
            return chain.filter(again)
                    .doOnSuccess(answered -> {
                        try (var ignored = RequestLogContext.of(exchange)) {
                            log.warn(
                                    "{} {} failed on {} before any response ({}); sent again to {}",
                                    exchange.getRequest().getMethod().name(),
                                    exchange.getRequest().getPath().value(),
                                    failedOn,
                                    rootCause(failure),
                                    instanceId(exchange));
                        }
                    })
                    .onErrorResume(retryFailure -> {
                        if (retryFailure instanceof NotFoundException) {
                            return Mono.error(failure); // no other instance to send it to: the first failure stands
                        }
                        try (var ignored = RequestLogContext.of(exchange)) {
                            log.warn(
                                    "{} {} failed on {} before any response ({}), and again on {}",
                                    exchange.getRequest().getMethod().name(),
                                    exchange.getRequest().getPath().value(),
                                    failedOn,
                                    rootCause(failure),
                                    instanceId(exchange));
                        }
                        return Mono.error(retryFailure);
                    });
        });
    }

    /**
     * True when the request never got a response: the connection was refused or timed out, or was closed or reset
     * before the response headers came. A timeout while waiting for the answer is not such a failure: the request
     * arrived and may be under way.
     */
    static boolean failedBeforeAnyResponse(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null
                || exchange.getResponse().isCommitted()) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true; // refused or connect timeout: nothing was sent
            }
            if (cause instanceof InterruptedIOException) {
                return false; // a socket read timeout: sent, and perhaps being carried out
            }
            if (cause instanceof IOException || cause instanceof AbortedException) {
                return true; // closed or reset before the response: a killed instance (or its pooled connection)
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static @Nullable String instanceId(ServerWebExchange exchange) {
        return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                                instanceof Response<?> chosen
                        && chosen.getServer() instanceof ServiceInstance instance
                ? instance.getInstanceId()
                : null;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The exchange with the request body read into memory, so it can be sent twice. */
    private static Mono<ServerWebExchange> replayable(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        DataBufferFactory buffers = exchange.getResponse().bufferFactory();
        return DataBufferUtils.join(request.getBody())
                .map(joined -> {
                    try {
                        byte[] bytes = new byte[joined.readableByteCount()];
                        joined.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(joined);
                    }
                })
                .defaultIfEmpty(NO_BYTES)
                .map(bytes -> exchange.mutate()
                        .request(new HeldBody(request, bytes, buffers))
                        .build());
    }

    /** A request whose body, held in memory, can be read any number of times. */
    private static final class HeldBody extends ServerHttpRequestDecorator {

        private final byte[] body;
        private final DataBufferFactory buffers;

        HeldBody(ServerHttpRequest delegate, byte[] body, DataBufferFactory buffers) {
            super(delegate);
            this.body = body;
            this.buffers = buffers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body.length == 0 ? Flux.empty() : Flux.defer(() -> Flux.just(buffers.wrap(body)));
        }
    }

    /** A GET or HEAD sent again: it has no body, and the connection's own must not be read a second time. */
    private static final class NoBody extends ServerHttpRequestDecorator {

        NoBody(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }
    }
}
