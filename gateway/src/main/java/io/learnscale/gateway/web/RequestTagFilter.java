package io.learnscale.gateway.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The first thing every request meets: gives it a request id (the caller's when sane), passes the id downstream
 * and back to the caller, puts it in the log context, adds the {@link SecurityHeaders}, turns any error into
 * problem+json, and writes one access log line when the response is done: method, path, status, latency, route
 * and the instance that answered (its {@code X-Served-By}, else the one the balancer chose last). On the public
 * port the id is already on the request: {@link EdgeConnections} sets it as the request is decoded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTagFilter implements WebFilter {

    private static final String SERVED_BY_HEADER = "X-Served-By";

    private static final Logger access = LoggerFactory.getLogger("io.learnscale.gateway.access");

    private final GatewayProblems problems;
    private final SecurityHeaders securityHeaders;

    /** Requests on the management port (probes, scrapes) pass this filter too, but are not access-logged. */
    private volatile int managementPort = -1;

    RequestTagFilter(GatewayProblems problems, SecurityHeaders securityHeaders) {
        this.problems = problems;
        this.securityHeaders = securityHeaders;
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        List<String> offered = exchange.getRequest().getHeaders().getValuesAsList(RequestIds.HEADER);
        String requestId = RequestIds.takeOrMake(offered.isEmpty() ? null : offered.getFirst());
        // the public port's requests come with exactly this id (EdgeConnections): no copy of their headers then
        ServerWebExchange tagged = offered.equals(List.of(requestId))
                ? exchange
                : exchange.mutate()
                        .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, requestId)))
                        .build();
        tagged.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
        RequestLogContext.rememberTraceId(tagged);
        ServerHttpResponse response = tagged.getResponse();
        // set, not add, just before the headers go out: services echo the id, which must not appear twice
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.set(RequestIds.HEADER, requestId);
            securityHeaders.applyTo(headers);
            return Mono.empty();
        });
        return chain.filter(tagged)
                .onErrorResume(error -> problems.write(tagged, error))
                .doFinally(signal -> logAccess(tagged, started, signal));
    }

    private void logAccess(ServerWebExchange exchange, long started, SignalType signal) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        if (!access.isInfoEnabled() || (local != null && local.getPort() == managementPort)) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String upstream = exchange.getResponse().getHeaders().getFirst(SERVED_BY_HEADER);
        if (upstream == null
                && exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                        instanceof Response<?> chosen
                && chosen.getServer() instanceof ServiceInstance instance) {
            upstream = instance.getInstanceId();
        }
        try (var ignored = RequestLogContext.of(exchange)) {
            access.info(
                    "{} {} status={} latency={}ms route={} upstream={}",
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value(),
                    signal == SignalType.CANCEL ? "cancelled" : status != null ? status.value() : 200,
                    millis,
                    route != null ? route.getId() : "-",
                    upstream != null ? upstream : "-");
        }
    }
}
