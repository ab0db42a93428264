package io.learnscale.gateway.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the edge accepts and what it adds to every response.
 *
 * @param maxRequestBody the largest request body accepted; a larger one is a 413 problem, whether it announces
 *     its length ({@code Content-Length}, refused before reading it) or not (chunked, refused once the limit is
 *     crossed)
 * @param headers the security headers on every response
 */
@ConfigurationProperties("learnscale.gateway")
record EdgeProperties(
        @DefaultValue("256KB") DataSize maxRequestBody,
        @DefaultValue Headers headers) {

    /**
     * The API, Swagger UI and the dashboard page: scripts, styles, images and data from the gateway itself only
     * (webjars included), inline styles allowed (Swagger UI and the charts set them), nothing may frame the
     * pages, no plugins, no {@code <base>}, forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * @param contentSecurityPolicy the {@code Content-Security-Policy}
     * @param strictTransportSecurity the {@code Strict-Transport-Security} value, or blank to send none: the
     *     gateway speaks plain HTTP; where TLS ends in front of it, the TLS terminator (or this, once the gateway
     *     is only reachable over HTTPS) sets it
     */
    record Headers(
            @DefaultValue(CONTENT_SECURITY_POLICY) String contentSecurityPolicy,
            @Nullable String strictTransportSecurity) {}
}
