package io.learnscale.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Tokens for tests, signed with the key every Spring test context gets by default ({@link #SECRET}), plus the
 * bad ones a test must see refused: expired, signed with another key, unsigned ({@code alg: none}).
 */
public final class TestTokens {

    /** The HS256 key of every test context (set by {@link TestSecurityDefaults}); tests only. */
    public static final String SECRET = "test-only-key-for-learnscale-tests-0123456789";

    private static final String OTHER_SECRET = "a-different-key-that-no-learnscale-app-trusts-42";

    private TestTokens() {}

    public static String valid(String user, String... roles) {
        return sign(SECRET, user, List.of(roles), Instant.now().plus(Duration.ofMinutes(15)));
    }

    public static String expired(String user, String... roles) {
        return sign(SECRET, user, List.of(roles), Instant.now().minus(Duration.ofMinutes(5)));
    }

    public static String forged(String user, String... roles) {
        return sign(OTHER_SECRET, user, List.of(roles), Instant.now().plus(Duration.ofMinutes(15)));
    }

    /**
     * One of each token a service must refuse with 401, even on a public read: expired, signed with another key (and
     * claiming admin), unsigned, and not a JWT at all.
     */
    public static List<String> invalid() {
        return List.of(expired("ada", "user"), forged("ada", "admin"), unsigned("ada"), "not-a-token");
    }

    /** An unsigned token ({@code alg: none}) claiming admin: must be refused everywhere. */
    public static String unsigned(String user) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plus(Duration.ofMinutes(15)).getEpochSecond();
        String payload = base64.encodeToString(
                ("{\"sub\":\"" + user + "\",\"roles\":[\"admin\",\"author\"],\"exp\":" + exp + "}")
                        .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    public static String sign(String secret, String user, List<String> roles, Instant expiresAt) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var claims = JwtClaimsSet.builder()
                .subject(user)
                .claim("roles", roles)
                .issuedAt(expiresAt.minus(Duration.ofMinutes(20)))
                .expiresAt(expiresAt)
                .build();
        return NimbusJwtEncoder.withSecretKey(key)
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
