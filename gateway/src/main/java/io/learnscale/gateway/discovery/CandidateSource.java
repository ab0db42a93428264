package io.learnscale.gateway.discovery;

import java.time.Duration;
import java.util.List;

/** Where the candidates come from: a file the launcher keeps, DNS, or a fixed list. */
interface CandidateSource {

    /**
     * The candidates now, sorted by service and id. Never throws: a source that cannot be read has no candidates
     * (and says so in the log, once).
     */
    List<Candidate> candidates();

    /** How often to ask {@link #candidates()} again. */
    Duration refreshInterval();

    /** For the log and the {@code instances} endpoint: {@code file /path/instances.json}. */
    String description();
}
