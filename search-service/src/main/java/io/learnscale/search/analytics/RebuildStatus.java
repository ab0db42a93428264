package io.learnscale.search.analytics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The last rebuild of the aggregates, as every instance sees it (kept in Redis).
 *
 * @param state {@code idle} (never rebuilt), {@code running}, {@code done} or {@code failed}
 * @param generation the generation the rebuild writes (the current one once done)
 * @param records records replayed so far, up to {@code target}
 * @param target records in the topic when the rebuild started: the replay stops there, later ones are applied live
 * @param applied attempts applied to the new generation by the replay
 * @param skipped records that break the contract (they went to the dead-letter topic when first consumed)
 * @param instance the instance that runs the replay
 */
record RebuildStatus(
        String state,
        @Nullable Long generation,
        long records,
        long target,
        long applied,
        long skipped,
        @Nullable String instance,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String detail) {

    static final String IDLE = "idle";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    static RebuildStatus idle() {
        return new RebuildStatus(IDLE, null, 0, 0, 0, 0, null, null, null, null);
    }

    RebuildStatus progress(long records, long applied, long skipped) {
        return new RebuildStatus(
                state, generation, records, target, applied, skipped, instance, startedAt, finishedAt, detail);
    }

    RebuildStatus finished(String state, Instant at, @Nullable String detail) {
        return new RebuildStatus(state, generation, records, target, applied, skipped, instance, startedAt, at, detail);
    }
}
