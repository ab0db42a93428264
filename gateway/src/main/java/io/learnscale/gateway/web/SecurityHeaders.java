package io.learnscale.gateway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The security headers every response gets, the services' included (the gateway's policy wins over whatever a
 * service sent): no MIME sniffing, never framed, no referrer leaves, a restrictive Content-Security-Policy, and
 * HSTS only when configured (see {@link EdgeProperties.Headers}). The values are fixed at start; applying them is
 * a few header sets.
 */
@Component
class SecurityHeaders {

    private final String contentSecurityPolicy;
    private final String strictTransportSecurity;

    SecurityHeaders(EdgeProperties properties) {
        this.contentSecurityPolicy =
                properties.headers().contentSecurityPolicy().strip();
        String hsts = properties.headers().strictTransportSecurity();
        this.strictTransportSecurity = hsts == null ? "" : hsts.strip();
    }

    void applyTo(HttpHeaders headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (!contentSecurityPolicy.isEmpty()) {
            headers.set("Content-Security-Policy", contentSecurityPolicy);
        }
        if (!strictTransportSecurity.isEmpty()) {
            headers.set("Strict-Transport-Security", strictTransportSecurity);
        }
    }
}
