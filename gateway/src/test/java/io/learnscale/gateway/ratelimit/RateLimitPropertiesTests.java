package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitPropertiesTests {

    @Test
    void defaultsAreOutOfReachOfAPersonAndWithinReachOfALoop() {
        RateLimitProperties properties =
                new RateLimitProperties(true, null, null, Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(properties.budget(RequestKind.READS)).isEqualTo(new RateLimitProperties.Budget(50, 100, 1));
        assertThat(properties.budget(RequestKind.WRITES)).isEqualTo(new RateLimitProperties.Budget(10, 20, 1));
    }

    @Test
    void aBurstBelowTheRateIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties.Budget(10, 5, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties.Budget(0, 5, 1));
    }
}
