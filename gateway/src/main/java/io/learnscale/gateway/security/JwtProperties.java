package io.learnscale.gateway.security;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked (DESIGN: Security), as in every service: an HS256 key, {@code learnscale.jwt.secret}
 * (environment {@code LEARNSCALE_JWT_SECRET}, at least 32 bytes), or a real OpenID Connect issuer,
 * {@code learnscale.jwt.issuer-uri} (environment {@code LEARNSCALE_JWT_ISSUER_URI}), which wins when both are set.
 *
 * @param secret the shared HS256 key; never defaulted outside the demo profiles
 * @param issuerUri the issuer whose published keys (RS256) sign the tokens
 */
@ConfigurationProperties("learnscale.jwt")
record JwtProperties(@Nullable String secret, @Nullable String issuerUri) {

    static final int MIN_SECRET_BYTES = 32;

    boolean usesIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /** The HS256 key; fails with what to set when there is none, or it is too short. */
    SecretKey hmacKey() {
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    (key.length == 0 ? "No JWT key is configured" : "The JWT key is too short")
                            + ": set LEARNSCALE_JWT_SECRET to a key of at least " + MIN_SECRET_BYTES
                            + " bytes (e.g. openssl rand -base64 48), or LEARNSCALE_JWT_ISSUER_URI to an OpenID Connect issuer.");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
