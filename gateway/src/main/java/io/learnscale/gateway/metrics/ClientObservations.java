package io.learnscale.gateway.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedResponseHttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Stops the client observation Spring Cloud Gateway starts for every forwarded attempt ({@code http.client.requests}
 * and its span) however the attempt ends. Spring Cloud Gateway stops it when a response arrives or when an error
 * reaches the web exception handlers; a caller that hung up, a time limiter that gave up, an error the gateway
 * answers itself (web/RequestTagFilter) or an attempt that failed and was sent again left it open for good:
 * {@code http.client.requests.active} grew by one each time and kept the request in memory
 * (spring-cloud-gateway#3609).
 *
 * <p>The attempt's observation is kept in {@link #OPEN_ATTR} while open; whoever removes it from there stops it,
 * so a response arriving as the caller hangs up stops it once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.observability.enabled", matchIfMissing = true)
class ClientObservations {

    static final String OPEN_ATTR = ClientObservations.class.getName() + ".open";

    /** Spring Cloud Gateway's mark of a stopped observation: its exception handler then leaves it alone. */
    private static final String STOPPED_ATTR = "gateway.observation.stopped";

    @Bean
    ObservedRequestHttpHeadersFilter observedRequestHttpHeadersFilter(
            ObservationRegistry registry, ObjectProvider<GatewayObservationConvention> convention) {
        return new ObservedRequestHttpHeadersFilter(registry, convention.getIfAvailable()) {
            @Override
            public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
                HttpHeaders headers = super.filter(input, exchange);
                Observation started = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_OBSERVATION_ATTR);
                if (started != null) {
                    exchange.getAttributes().put(OPEN_ATTR, started);
                }
                return headers;
            }
        };
    }

    @Bean
    ObservedResponseHttpHeadersFilter observedResponseHttpHeadersFilter() {
        return new ObservedResponseHttpHeadersFilter() {
            @Override
            public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
                return exchange.getAttributes().remove(OPEN_ATTR) != null ? super.filter(input, exchange) : input;
            }
        };
    }

    @Bean
    GlobalFilter stopOpenClientObservation() {
        return new StopAtTheEnd();
    }

    /** Inside the retry (balancing/Failover), so every attempt passes it on its way out. */
    static final class StopAtTheEnd implements GlobalFilter, Ordered {

        static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;

        @Override
        public int getOrder() {
            return ORDER;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            return chain.filter(exchange)
                    .doOnError(error -> stop(exchange, error))
                    .doFinally(signal -> stop(exchange, null));
        }

        private static void stop(ServerWebExchange exchange, @Nullable Throwable error) {
            if (exchange.getAttributes().remove(OPEN_ATTR) instanceof Observation open) {
                if (error != null) {
                    open.error(error);
                }
                open.stop();
                exchange.getAttributes().put(STOPPED_ATTR, "true");
            }
        }
    }
}
