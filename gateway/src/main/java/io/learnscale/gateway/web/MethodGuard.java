package io.learnscale.gateway.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The public API speaks the usual methods only; anything else ({@code TRACE}, {@code CONNECT}, inventions) is a
 * 405 at the edge and never reaches a service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MethodGuard implements WebFilter {

    static final Set<HttpMethod> ALLOWED = new LinkedHashSet<>(List.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.PATCH,
            HttpMethod.DELETE,
            HttpMethod.OPTIONS));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!ALLOWED.contains(method)) {
            return Mono.error(new MethodNotAllowedException(method, ALLOWED));
        }
        return chain.filter(exchange);
    }
}
