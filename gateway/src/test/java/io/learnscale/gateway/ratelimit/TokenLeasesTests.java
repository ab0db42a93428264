package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenLeasesTests {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final TokenLeases leases = new TokenLeases(Duration.ofSeconds(1), now::get);

    @Test
    void nothingIsHeldForAClientUntilARequestLeavesTokensOver() {
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(TokenLeases.NONE);
    }

    @Test
    void heldTokensAreSpentOneRequestAtATimeAndAnswerWhatTheClientHasLeft() {
        leases.hold("reads:user:ada", 3, 90);

        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(92);
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(91);
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(90);
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(TokenLeases.NONE);
    }

    @Test
    void aRequestNeedingMoreThanIsHeldAsksRedisAndSpendsNothingHere() {
        leases.hold("writes:user:ada", 2, 10);

        assertThat(leases.take("writes:user:ada", 3)).isEqualTo(TokenLeases.NONE);
        assertThat(leases.take("writes:user:ada", 2)).isEqualTo(10);
    }

    @Test
    void eachClientSpendsOnlyItsOwnLease() {
        leases.hold("reads:user:ada", 1, 50);

        assertThat(leases.take("reads:user:grace", 1)).isEqualTo(TokenLeases.NONE);
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(50);
    }

    @Test
    void aLeaseNotSpentInTimeIsDropped() {
        leases.hold("reads:user:ada", 5, 50);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(54);

        now.addAndGet(Duration.ofMillis(1).toNanos());

        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(TokenLeases.NONE);
    }

    @Test
    void aNewLeaseAddsToWhatIsStillHeldButNotToWhatExpired() {
        leases.hold("reads:user:ada", 2, 40);
        leases.hold("reads:user:ada", 3, 30);
        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(4 + 30);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        leases.hold("reads:user:ada", 3, 20);

        assertThat(leases.take("reads:user:ada", 1)).isEqualTo(2 + 20);
    }

    @Test
    void clientsGoneQuietLeaveNothingBehind() {
        for (int i = 0; i < 1000; i++) {
            leases.hold("reads:address:10.0.0." + i, 4, 0);
        }
        assertThat(leases.size()).isEqualTo(1000);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        leases.hold("reads:user:ada", 4, 0);

        assertThat(leases.size()).isEqualTo(1);
    }
}
