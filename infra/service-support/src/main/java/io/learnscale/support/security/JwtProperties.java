package io.learnscale.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked (DESIGN: Security): an HS256 key from {@code LEARNSCALE_JWT_SECRET}, or a real OpenID
 * Connect issuer from {@code LEARNSCALE_JWT_ISSUER_URI}.
 */
@ConfigurationProperties("learnscale.jwt")
public record JwtProperties(String secret, String issuerUri) {

    public static final int MIN_SECRET_BYTES = 32;

    public boolean usesIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
