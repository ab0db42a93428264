package io.learnscale.gateway.ratelimit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The budgets of one client, a token bucket each: {@code replenishRate} requests a second on average, up to
 * {@code burstCapacity} at once. The defaults are out of reach of a person clicking around and well within reach of
 * a tight loop; the {@code benchmark} profile raises them so a load test measures the system, not the limiter.
 *
 * @param enabled off: no limit and no Redis call at all
 * @param reads GET and HEAD (default 50 a second, bursts of 100)
 * @param writes every other method (default 10 a second, bursts of 20)
 * @param failOpenFor after Redis failed to answer, requests skip it (and pass unlimited) for this long before it is
 *     asked again, so an outage costs a request nothing
 * @param failOpenLogInterval how often, at most, an outage is reported in the log
 * @param maxLease the most tokens one call to Redis takes for a busy client's next requests ({@link TokenLeases});
 *     1: every request asks Redis
 * @param leaseFor how long tokens taken ahead stay spendable before they are dropped
 */
@ConfigurationProperties("learnscale.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable Budget reads,
        @Nullable Budget writes,
        @DefaultValue("1s") Duration failOpenFor,
        @DefaultValue("1m") Duration failOpenLogInterval,
        @DefaultValue("100") int maxLease,
        @DefaultValue("1s") Duration leaseFor) {

    static final Budget DEFAULT_READS = new Budget(50, 100, 1);
    static final Budget DEFAULT_WRITES = new Budget(10, 20, 1);

    RateLimitProperties {
        reads = reads != null ? reads : DEFAULT_READS;
        writes = writes != null ? writes : DEFAULT_WRITES;
        if (maxLease < 1 || !leaseFor.isPositive()) {
            throw new IllegalArgumentException(
                    "learnscale.rate-limit needs max-lease >= 1 and a positive lease-for; got " + maxLease + ", "
                            + leaseFor);
        }
    }

    Budget budget(RequestKind kind) {
        return kind == RequestKind.WRITES ? writes : reads;
    }

    /**
     * The tokens one call to Redis takes for a client of this kind: a tenth of a second of its budget, at most
     * {@code maxLease}, at least what one request needs (then nothing is held between requests: 10 writes a second,
     * say). A tenth of a second bounds what a lease can do to the limit (see {@link TokenLeases}).
     */
    int leaseSize(RequestKind kind) {
        Budget budget = budget(kind);
        return Math.max(budget.requestedTokens(), Math.min(maxLease, budget.replenishRate() / 10));
    }

    /**
     * One token bucket.
     *
     * @param replenishRate tokens added a second
     * @param burstCapacity tokens the bucket holds, at least {@code replenishRate}
     * @param requestedTokens tokens one request takes
     */
    record Budget(
            int replenishRate,
            long burstCapacity,
            @DefaultValue("1") int requestedTokens) {

        Budget {
            if (replenishRate < 1 || requestedTokens < 1 || burstCapacity < replenishRate) {
                throw new IllegalArgumentException("A rate-limit budget needs replenish-rate >= 1, requested-tokens"
                        + " >= 1 and burst-capacity >= replenish-rate; got " + replenishRate + ", " + requestedTokens
                        + ", " + burstCapacity);
            }
        }
    }
}
