package io.learnscale.gateway.balancing;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts a request as outstanding on the instance the balancer just chose, from the moment it is sent until its
 * response headers arrive or it fails or is cancelled (right after the balancing filter, so each attempt of a
 * retried request counts on its own instance). A filter rather than a {@code LoadBalancerLifecycle}: the
 * lifecycle is not told when a request is cancelled, and a count that never comes down would starve an instance.
 */
final class InFlightCounter implements GlobalFilter, Ordered {

    static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 2;

    private final InFlightRequests inFlight;

    InFlightCounter(InFlightRequests inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                        instanceof Response<?> chosen
                && chosen.getServer() instanceof ServiceInstance instance)) {
            return chain.filter(exchange);
        }
        AtomicInteger outstanding = inFlight.counter(instance.getServiceId(), instance.getInstanceId());
        outstanding.incrementAndGet();
        return chain.filter(exchange).doFinally(signal -> outstanding.decrementAndGet());
    }
}
