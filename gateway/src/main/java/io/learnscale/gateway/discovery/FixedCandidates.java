package io.learnscale.gateway.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A list given in configuration ({@code learnscale.discovery.instances}), for tests and development. */
final class FixedCandidates implements CandidateSource {

    private final List<Candidate> candidates;
    private final Duration refreshInterval;

    FixedCandidates(List<Candidate> candidates, Duration refreshInterval) {
        this.candidates = candidates.stream()
                .map(candidate -> new Candidate(
                        candidate.service(),
                        candidate.id(),
                        candidate.url(),
                        Objects.requireNonNullElse(candidate.managementUrl(), candidate.url())))
                .sorted(InstancesFile.ORDER)
                .toList();
        this.refreshInterval = refreshInterval;
    }

    @Override
    public List<Candidate> candidates() {
        return candidates;
    }

    @Override
    public Duration refreshInterval() {
        return refreshInterval;
    }

    @Override
    public String description() {
        return "a fixed list (learnscale.discovery.instances)";
    }
}
