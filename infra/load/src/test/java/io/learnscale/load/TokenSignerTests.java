package io.learnscale.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenSignerTests {

    private static final String SECRET = "a-key-of-at-least-thirty-two-bytes-for-tests";

    @Test
    void signsTheClaimsTheServicesReadWithHs256() throws Exception {
        String token = new TokenSigner(SECRET).sign("ada", List.of("user", "author"));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        assertThat(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8)).contains("\"alg\":\"HS256\"");
        assertThat(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8))
                .contains("\"sub\":\"ada\"", "\"roles\":[\"user\",\"author\"]", "\"exp\":");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.decode(parts[2])).isEqualTo(expected);
    }

    @Test
    void refusesAKeyShorterThanTheServicesAccept() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSigner("too-short"));
    }
}
