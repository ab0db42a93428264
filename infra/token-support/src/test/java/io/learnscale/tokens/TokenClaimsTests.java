package io.learnscale.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/** The shared-key decoder's claim conversion skips the URL attempt on {@code iss} and gives what the default gives. */
class TokenClaimsTests {

    private final MappedJwtClaimSetConverter defaults = MappedJwtClaimSetConverter.withDefaults(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"learnscale-gateway", "https://issuer.example/realms/learnscale", "urn:example:issuer"})
    void theIssuerComesOutAsTheDefaultConversionGivesIt(String issuer) {
        Map<String, Object> claims = Map.of("iss", issuer, "sub", "ada", "exp", 1_800_000_000L, "iat", 1_700_000_000L);

        assertThat(TokenClaims.ISSUER_AS_NAME.convert(claims)).isEqualTo(defaults.convert(claims));
    }

    @Test
    void theOtherClaimsAreStillConverted() {
        Map<String, Object> converted =
                TokenClaims.ISSUER_AS_NAME.convert(Map.of("iss", "learnscale-gateway", "exp", 1_800_000_000L));

        assertThat(converted.get("iss")).isEqualTo("learnscale-gateway");
        assertThat(converted.get("exp")).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
    }
}
