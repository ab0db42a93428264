package io.learnscale.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class JwtPropertiesTests {

    @Test
    void withoutAKeyItSaysWhatToSet() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new JwtProperties(null, null).hmacKey())
                .withMessageContaining("No JWT key is configured")
                .withMessageContaining("LEARNSCALE_JWT_SECRET")
                .withMessageContaining("LEARNSCALE_JWT_ISSUER_URI");
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new JwtProperties("0123456789abcdef0123456789abcde", null).hmacKey())
                .withMessageContaining("too short")
                .withMessageContaining("at least 32 bytes");
    }

    @Test
    void a32ByteKeyIsAnHmacSha256Key() {
        assertThat(new JwtProperties("0123456789abcdef0123456789abcdef", null)
                        .hmacKey()
                        .getAlgorithm())
                .isEqualTo("HmacSHA256");
    }

    @Test
    void anIssuerIsUsedWhenSet() {
        assertThat(new JwtProperties(null, "https://id.example.org/realms/learnscale").usesIssuer())
                .isTrue();
        assertThat(new JwtProperties("0123456789abcdef0123456789abcdef", " ").usesIssuer())
                .isFalse();
    }
}
