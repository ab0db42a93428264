package io.learnscale.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class RememberingReactiveJwtDecoderTests {

    private final Tokens.MovableClock clock = new Tokens.MovableClock();
    private final RememberingReactiveJwtDecoder decoder =
            new RememberingReactiveJwtDecoder(nimbus(), Tokens.expiryAt(clock));

    @Test
    void aTokenIsDecodedOnceAndRememberedAfter() {
        String token = Tokens.signed("ada");

        assertThat(decoder.decode(token).block()).isSameAs(decoder.decode(token).block());
        assertThat(decoder.decode(Tokens.signed("grace")).block().getSubject()).isEqualTo("grace");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpiresInTheDecodersOwnWords() {
        String token = Tokens.signed("ada");
        decoder.decode(token).block();
        clock.set(Tokens.NOW.plusSeconds(61));

        NimbusReactiveJwtDecoder forgetful = nimbus();
        forgetful.setJwtValidator(Tokens.expiryAt(clock));
        String refusedWithoutMemory = forgetful
                .decode(token)
                .map(Jwt::getSubject)
                .onErrorResume(e -> Mono.just(e.getMessage()))
                .block();
        Mono<Jwt> refused = decoder.decode(token); // an error signal, never an exception from decode itself
        assertThatThrownBy(refused::block)
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired at")
                .hasMessage(refusedWithoutMemory);
    }

    @Test
    void aTokenWithAnotherSignatureIsNotTakenForARememberedOne() {
        String token = Tokens.signed("ada");
        decoder.decode(token).block();

        Mono<Jwt> tampered = decoder.decode(Tokens.tampered(token));
        assertThatThrownBy(tampered::block).isInstanceOf(BadJwtException.class);
    }

    private static NimbusReactiveJwtDecoder nimbus() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(Tokens.KEY)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setClaimSetConverter(TokenClaims.ISSUER_AS_NAME);
        return decoder;
    }
}
