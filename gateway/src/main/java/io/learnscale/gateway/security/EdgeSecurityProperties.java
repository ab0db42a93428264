package io.learnscale.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The edge's own security settings, beside the token checks of {@link JwtProperties}.
 *
 * @param tokenEndpoint the demo token endpoint, {@code POST /auth/token}
 * @param cors the browser origins allowed to call the API from their pages
 */
@ConfigurationProperties("learnscale.security")
record EdgeSecurityProperties(
        @DefaultValue TokenEndpoint tokenEndpoint,
        @DefaultValue Cors cors) {

    /**
     * @param enabled on in the {@code local} and {@code compose} demo profiles only; stays off whenever an issuer
     *     is configured (the issuer signs the tokens then, not this gateway)
     * @param ttl how long an issued token is valid
     */
    record TokenEndpoint(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("15m") Duration ttl) {

        TokenEndpoint {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("learnscale.security.token-endpoint.ttl must be positive");
            }
        }
    }

    /**
     * @param allowedOrigins exact origins ({@code https://learn.example.org}); empty: no CORS headers at all, so
     *     browsers allow same-origin pages only
     * @param maxAge how long a browser may cache a preflight answer
     */
    record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("1h") Duration maxAge) {

        Cors {
            allowedOrigins = allowedOrigins.stream()
                    .map(String::strip)
                    .filter(origin -> !origin.isEmpty())
                    .toList();
        }
    }
}
