package io.learnscale.gateway.security;

import io.learnscale.gateway.web.ProblemException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the configured origins only ({@code learnscale.security.cors.allowed-origins}): their pages may call
 * every API method with a bearer token (no cookies, so no credentials mode) and read the headers a client needs.
 * A preflight is answered here, before any token check; a cross-origin request from another origin is a 403
 * problem. With no origin configured (the default) nothing happens here: no CORS headers anywhere, so browsers
 * let same-origin pages (Swagger UI, the dashboard) call the API and no other.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class BrowserOrigins implements WebFilter {

    private final CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final boolean enabled;

    BrowserOrigins(EdgeSecurityProperties properties) {
        this.enabled = !properties.cors().allowedOrigins().isEmpty();
        this.configuration = configuration(properties.cors());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!enabled || !CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return Mono.error(ProblemException.of(
                    HttpStatus.FORBIDDEN,
                    "Pages from " + request.getHeaders().getOrigin() + " may not call this API."));
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }

    private static CorsConfiguration configuration(EdgeSecurityProperties.Cors properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of(
                HttpMethod.GET.name(),
                HttpMethod.HEAD.name(),
                HttpMethod.POST.name(),
                HttpMethod.PUT.name(),
                HttpMethod.PATCH.name(),
                HttpMethod.DELETE.name()));
        cors.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.IF_MATCH,
                HttpHeaders.IF_NONE_MATCH,
                "Idempotency-Key",
                "X-Request-Id"));
        cors.setExposedHeaders(List.of(
                HttpHeaders.ETAG,
                HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER,
                HttpHeaders.WWW_AUTHENTICATE,
                "X-Request-Id",
                "X-Served-By",
                "X-RateLimit-Remaining",
                "X-RateLimit-Replenish-Rate",
                "X-RateLimit-Burst-Capacity"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.maxAge());
        return cors;
    }
}
