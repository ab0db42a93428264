package io.learnscale.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class RememberingJwtDecoderTests {

    private final Tokens.MovableClock clock = new Tokens.MovableClock();
    private final RememberingJwtDecoder decoder = new RememberingJwtDecoder(nimbus(), Tokens.expiryAt(clock));

    @Test
    void aTokenIsDecodedOnceAndRememberedAfter() {
        String token = Tokens.signed("ada");

        assertThat(decoder.decode(token)).isSameAs(decoder.decode(token));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("ada");
        assertThat(decoder.decode(Tokens.signed("grace")).getSubject()).isEqualTo("grace");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpiresInTheDecodersOwnWords() {
        String token = Tokens.signed("ada");
        decoder.decode(token);
        clock.set(Tokens.NOW.plusSeconds(61));

        NimbusJwtDecoder forgetful = nimbus();
        forgetful.setJwtValidator(Tokens.expiryAt(clock));
        String refusedWithoutMemory = messageOf(() -> forgetful.decode(token));
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired at")
                .hasMessage(refusedWithoutMemory);
    }

    @Test
    void aTokenWithAnotherSignatureIsNotTakenForARememberedOne() {
        String token = Tokens.signed("ada");
        decoder.decode(token);

        assertThatThrownBy(() -> decoder.decode(Tokens.tampered(token))).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aTokenRefusedAtItsFirstUseIsRefusedAgain() {
        String token = Tokens.signed("ada");
        clock.set(Tokens.NOW.plusSeconds(61));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    private static NimbusJwtDecoder nimbus() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(Tokens.KEY)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setClaimSetConverter(TokenClaims.ISSUER_AS_NAME);
        return decoder;
    }

    private static String messageOf(Runnable decoding) {
        try {
            decoding.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }
}
