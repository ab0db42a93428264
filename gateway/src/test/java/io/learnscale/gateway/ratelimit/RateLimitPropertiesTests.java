package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitPropertiesTests {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsAreOutOfReachOfAPersonAndWithinReachOfALoop() {
        RateLimitProperties properties =
                new RateLimitProperties(true, null, null, Duration.ofSeconds(1), Duration.ofMinutes(1), 100, SECOND);

        assertThat(properties.budget(RequestKind.READS)).isEqualTo(new RateLimitProperties.Budget(50, 100, 1));
        assertThat(properties.budget(RequestKind.WRITES)).isEqualTo(new RateLimitProperties.Budget(10, 20, 1));
    }

    @Test
    void aLeaseIsATenthOfASecondOfTheBudgetWithinItsBounds() {
        assertThat(leaseSizes(50, 10, 100)).containsExactly(5, 1);
        assertThat(leaseSizes(1_000_000, 10, 100)).containsExactly(100, 1);
        assertThat(leaseSizes(1_000_000, 10, 1)).containsExactly(1, 1);
        assertThat(leaseSizes(5, 5, 100)).containsExactly(1, 1);
    }

    @Test
    void aLeaseIsNeverLessThanOneRequestNeeds() {
        RateLimitProperties properties = new RateLimitProperties(
                true, new RateLimitProperties.Budget(10, 20, 4), null, SECOND, SECOND, 100, SECOND);

        assertThat(properties.leaseSize(RequestKind.READS)).isEqualTo(4);
    }

    @Test
    void aLeaseOfNoTokensOrForNoTimeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(true, null, null, SECOND, SECOND, 0, SECOND))
                .withMessageContaining("max-lease");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(true, null, null, SECOND, SECOND, 100, Duration.ZERO))
                .withMessageContaining("lease-for");
    }

    private static int[] leaseSizes(int readRate, int writeRate, int maxLease) {
        RateLimitProperties properties = new RateLimitProperties(
                true,
                new RateLimitProperties.Budget(readRate, readRate, 1),
                new RateLimitProperties.Budget(writeRate, writeRate, 1),
                SECOND,
                SECOND,
                maxLease,
                SECOND);
        return new int[] {properties.leaseSize(RequestKind.READS), properties.leaseSize(RequestKind.WRITES)};
    }

    @Test
    void aBurstBelowTheRateIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties.Budget(10, 5, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties.Budget(0, 5, 1));
    }
}
