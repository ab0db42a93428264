package io.learnscale.search.analytics;

/** A rebuild of the aggregates is running already, on this instance or another; the caller gets a 409. */
public class RebuildRunningException extends RuntimeException {

    RebuildRunningException() {
        super(
                "A rebuild of the analytics aggregates is running already; follow it at GET /api/admin/analytics/rebuild.");
    }
}
