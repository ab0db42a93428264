package io.learnscale.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens this gateway instance took from clients' buckets in Redis ahead of their requests: when a busy client's
 * request asks Redis, it takes up to a lease of tokens, and the client's next requests spend the rest here without
 * a round trip. A lease not spent within its time is dropped, never returned.
 *
 * <p>What that does to the limit, per gateway instance: a client can be refused while another instance still holds
 * a few of its tokens, and can spend a lease on top of a bucket refilled meanwhile; either way by at most one lease
 * (a tenth of a second of its budget, see {@link RateLimitProperties#leaseSize}).
 */
final class TokenLeases {

    /** What {@link #take} answers when nothing is held here for the client: ask Redis. */
    static final long NONE = -1;

    private final long leaseNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private volatile long nextSweep;

    TokenLeases(Duration leaseFor, LongSupplier nanoClock) {
        this.leaseNanos = leaseFor.toNanos();
        this.nanoClock = nanoClock;
        this.nextSweep = nanoClock.getAsLong() + leaseNanos;
    }

    /**
     * Spends tokens the client's lease holds here.
     *
     * @return the client's tokens left (here and in its bucket when the lease was taken), or {@link #NONE} when
     *     this instance holds too few for the request, or only expired ones
     */
    long take(String key, int tokens) {
        Lease lease = leases.get(key);
        return lease == null ? NONE : lease.take(tokens, nanoClock.getAsLong());
    }

    /**
     * Keeps tokens a request took from the client's bucket but did not need, for its next requests.
     *
     * @param leftInBucket what the bucket in Redis held after they were taken
     */
    void hold(String key, long tokens, long leftInBucket) {
        long now = nanoClock.getAsLong();
        leases.computeIfAbsent(key, k -> new Lease()).add(tokens, leftInBucket, now, now + leaseNanos);
        sweepIfDue(now);
    }

    /** Clients whose lease is held here, expired ones included until the next sweep. */
    int size() {
        return leases.size();
    }

    /** Drops expired leases at most once per lease time, so clients gone quiet leave nothing behind. */
    private void sweepIfDue(long now) {
        long due = nextSweep;
        if (now - due >= 0) {
            nextSweep = now + leaseNanos;
            leases.values().removeIf(lease -> lease.expired(now));
        }
    }

    private static final class Lease {

        private long tokens;
        private long leftInBucket;
        private long expires;

        synchronized long take(int requested, long now) {
            if (now - expires >= 0 || tokens < requested) {
                return NONE;
            }
            tokens -= requested;
            return tokens + leftInBucket;
        }

        synchronized void add(long more, long left, long now, long until) {
            if (expired(now)) {
                tokens = 0;
            }
            tokens += more;
            leftInBucket = left;
            expires = until;
        }

        synchronized boolean expired(long now) {
            return now - expires >= 0;
        }
    }
}
