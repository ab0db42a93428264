package io.learnscale.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the limiter does without Redis: lets the request through (a limiter must not take the API down with it),
 * counts it in {@code gateway_rate_limiter_fail_open_total{kind}}, and skips Redis for a moment before asking it
 * again, so an outage that makes Redis hang does not slow every request. The log gets one warning when the
 * outage starts, then at most one per interval with the count, and one line when Redis answers again.
 */
final class FailOpen {

    static final String METER = "gateway.rate.limiter.fail.open";

    private static final Logger log = LoggerFactory.getLogger(FailOpen.class);

    private final long skipNanos;
    private final long logEveryNanos;
    private final Counter[] counters = new Counter[RequestKind.values().length];
    private final LongAdder sinceLastReport = new LongAdder();
    private final AtomicLong nextReport = new AtomicLong(System.nanoTime());
    private volatile boolean failing;
    private volatile long skipUntil;
    private volatile @Nullable String lastError;

    FailOpen(Duration skipFor, Duration logEvery, MeterRegistry meters) {
        this.skipNanos = skipFor.toNanos();
        this.logEveryNanos = logEvery.toNanos();
        for (RequestKind kind : RequestKind.values()) {
            counters[kind.ordinal()] = Counter.builder(METER)
                    .description("Requests let through without a rate-limit verdict because Redis did not answer")
                    .tag("kind", kind.label())
                    .register(meters);
        }
    }

    /** Redis failed a moment ago: do not ask it yet. */
    boolean skipping() {
        return failing && System.nanoTime() - skipUntil < 0;
    }

    /** A request let through without asking Redis, which failed a moment ago. */
    void skipped(RequestKind kind) {
        count(kind);
        report();
    }

    /** A request let through because Redis failed to answer it. */
    void failed(RequestKind kind, Throwable error) {
        skipUntil = System.nanoTime() + skipNanos;
        lastError = rootCause(error).toString();
        if (!failing) {
            failing = true;
            nextReport.set(System.nanoTime());
        }
        count(kind);
        report();
    }

    /** Redis answered. */
    void succeeded() {
        if (failing) {
            failing = false;
            log.info(
                    "Redis answers the rate limiter again: requests are limited again (let through unlimited since"
                            + " the last report: {})",
                    sinceLastReport.sumThenReset());
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void count(RequestKind kind) {
        counters[kind.ordinal()].increment();
        sinceLastReport.increment();
    }

    private void report() {
        long now = System.nanoTime();
        long due = nextReport.get();
        if (now - due >= 0 && nextReport.compareAndSet(due, now + logEveryNanos)) {
            log.warn(
                    "Rate limiter fails open, Redis does not answer ({}): requests let through unlimited since the"
                            + " last report: {}; next report in {} s at the earliest",
                    lastError,
                    sinceLastReport.sumThenReset(),
                    Duration.ofNanos(logEveryNanos).toSeconds());
        }
    }
}
