package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The gateway does not start without a key it can check tokens with, and says what to set. */
class StartupTests {

    @Test
    void aJwtKeyThatIsTooShortStopsTheStartWithWhatToSet() {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class);

        // arguments: above any LEARNSCALE_JWT_* in the environment of the build
        assertThatThrownBy(() -> gateway.run(
                                "--server.port=0",
                                "--management.server.port=0",
                                "--spring.main.banner-mode=off",
                                "--learnscale.instance-id=gateway-short-key",
                                "--learnscale.jwt.issuer-uri=",
                                "--learnscale.jwt.secret=only-twenty-bytes-xx")
                        .close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The JWT key is too short")
                .hasMessageContaining("LEARNSCALE_JWT_SECRET");
    }
}
