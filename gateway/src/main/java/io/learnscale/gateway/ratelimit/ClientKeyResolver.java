package io.learnscale.gateway.ratelimit;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who a request counts against, and which of their budgets: {@code reads:user:<sub>} or {@code writes:user:<sub>}
 * for a caller with a valid token (checked before routing), else {@code reads:address:<ip>} and so on by the
 * connection's address (the caller's own unless {@code server.forward-headers-strategy} is set behind a trusted
 * proxy). Never empty, so no request is refused for lack of a key.
 */
final class ClientKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        RequestKind kind = RequestKind.of(exchange.getRequest().getMethod());
        return exchange.getPrincipal()
                .map(principal -> kind.key("user:" + principal.getName()))
                .switchIfEmpty(Mono.fromSupplier(() -> kind.key("address:" + address(exchange))));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
