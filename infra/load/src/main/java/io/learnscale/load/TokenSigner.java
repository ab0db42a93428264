package io.learnscale.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs HS256 tokens with the stack's key, the way the gateway's demo token endpoint would, without a round trip. */
public final class TokenSigner {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER =
            BASE64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    public TokenSigner(String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("The token key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A token for {@code user} with {@code roles}, valid for an hour: longer than any run. */
    public String sign(String user, List<String> roles) {
        Instant now = Instant.now();
        String claims = "{\"sub\":\"%s\",\"roles\":[%s],\"iat\":%d,\"exp\":%d}"
                .formatted(
                        user,
                        roles.stream().map(r -> '"' + r + '"').collect(Collectors.joining(",")),
                        now.getEpochSecond(),
                        now.plus(Duration.ofHours(1)).getEpochSecond());
        String unsigned = HEADER + "." + BASE64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return unsigned + "." + BASE64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public String bearer(String user, String... roles) {
        return "Bearer " + sign(user, List.of(roles));
    }
}
