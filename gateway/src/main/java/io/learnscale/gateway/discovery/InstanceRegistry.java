package io.learnscale.gateway.discovery;

import io.learnscale.gateway.discovery.DiscoveryProperties.Readiness;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Who may get traffic (DESIGN: Finding instances): the candidates of each service, from a {@link CandidateSource}
 * asked again every few seconds, and which of them are ready, from each one's readiness probe polled every
 * second without blocking. A candidate gets traffic from its first good probe on and stops getting it when it
 * leaves the source, answers anything but 2xx, or gives no answer {@code failure-threshold} times in a row; all
 * within the 5 s DESIGN allows.
 *
 * <p>The per-service lists of ready instances are immutable snapshots, replaced on every change, so the load
 * balancer reads them without locking.
 */
public final class InstanceRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceRegistry.class);

    private final CandidateSource source;
    private final Readiness readiness;

    /** Guarded by {@code this}; a candidate that leaves the source leaves this map, and a late probe is dropped. */
    private final Map<Candidate, Probe> probes = new ConcurrentHashMap<>();

    private volatile List<Candidate> candidates = List.of();
    private volatile Map<String, List<Candidate>> ready = Map.of();

    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable HttpClient http;

    InstanceRegistry(CandidateSource source, Readiness readiness) {
        this.source = source;
        this.readiness = readiness;
    }

    /** The instances of a service that may get traffic now, sorted by id; empty for a service nobody knows. */
    List<Candidate> ready(String service) {
        return ready.getOrDefault(service, List.of());
    }

    /** Every candidate and what its probe last said, by service: for the {@code instances} endpoint and the dashboard. */
    public synchronized View view() {
        Map<String, List<InstanceView>> services = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            Probe probe = probes.get(candidate);
            services.computeIfAbsent(candidate.service(), service -> new ArrayList<>())
                    .add(new InstanceView(
                            candidate.id(),
                            candidate.url().toString(),
                            candidate.managementUrl().toString(),
                            probe != null && probe.ready,
                            probe != null ? probe.state : "unknown",
                            probe != null ? probe.since : null));
        }
        services.replaceAll((service, instances) -> List.copyOf(instances));
        return new View(source.description(), services);
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(readiness.timeout())
                .build();
        ScheduledExecutorService tasks = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("instances-", 1).daemon().factory());
        long refresh = Math.max(1, source.refreshInterval().toMillis());
        long probe = Math.max(1, readiness.interval().toMillis());
        tasks.scheduleWithFixedDelay(this::refresh, 0, refresh, TimeUnit.MILLISECONDS);
        tasks.scheduleWithFixedDelay(this::probeAll, probe, probe, TimeUnit.MILLISECONDS);
        scheduler = tasks;
        log.info(
                "Finding instances from {} every {} ms; probing {} on each every {} ms",
                source.description(),
                refresh,
                readiness.path(),
                probe);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (http != null) {
            http.shutdownNow();
            http = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Asks the source again; new candidates are probed at once rather than at the next round. */
    void refresh() {
        try {
            List<Candidate> next = source.candidates();
            List<Candidate> added;
            synchronized (this) {
                if (next.equals(candidates)) {
                    return;
                }
                List<Candidate> previous = candidates;
                probes.keySet().retainAll(next);
                added = next.stream().filter(c -> !probes.containsKey(c)).toList();
                added.forEach(candidate -> probes.put(candidate, new Probe()));
                candidates = next;
                publishReady();
                logChanges(previous, next);
            }
            added.forEach(this::probe);
        } catch (RuntimeException unexpected) {
            log.error("Could not refresh the candidates from {}", source.description(), unexpected);
        }
    }

    private void probeAll() {
        try {
            List.copyOf(probes.keySet()).forEach(this::probe);
        } catch (RuntimeException unexpected) {
            log.error("Could not probe the candidates", unexpected);
        }
    }

    private void probe(Candidate candidate) {
        Probe probe;
        HttpClient client;
        synchronized (this) {
            probe = probes.get(candidate);
            client = http;
            if (probe == null || probe.inFlight || client == null) {
                return;
            }
            probe.inFlight = true;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(candidate.readinessUri(readiness.path()))
                    .timeout(readiness.timeout())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    // a safety net: the request timeout should always fire first
                    .orTimeout(readiness.timeout().toMillis() * 2 + 100, TimeUnit.MILLISECONDS)
                    .whenComplete((response, error) ->
                            record(candidate, probe, response != null ? response.statusCode() : -1, error));
        } catch (RuntimeException cannotSend) {
            record(candidate, probe, -1, cannotSend);
        }
    }

    private synchronized void record(Candidate candidate, Probe probe, int status, @Nullable Throwable error) {
        probe.inFlight = false;
        if (probes.get(candidate) != probe) {
            return; // it left the source while the probe was out
        }
        boolean wasReady = probe.ready;
        if (error == null && status >= 200 && status < 300) {
            probe.failures = 0;
            probe.ready = true;
            probe.state = "UP";
        } else if (error == null) {
            probe.failures = 0;
            probe.ready = false;
            probe.state = "readiness answered " + status;
        } else {
            probe.failures++;
            probe.state = describe(error);
            if (probe.failures >= readiness.failureThreshold()) {
                probe.ready = false;
            }
        }
        if (probe.ready != wasReady) {
            probe.since = Instant.now();
            if (probe.ready) {
                log.info("{} {} at {} is ready: it gets traffic", candidate.service(), candidate.id(), candidate.url());
            } else {
                log.warn("{} {} at {} is out: {}", candidate.service(), candidate.id(), candidate.url(), probe.state);
            }
            publishReady();
        }
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + readiness.timeout().toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer within " + readiness.timeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return "probe failed: " + cause.getClass().getSimpleName();
    }

    /** Guarded by {@code this}. */
    private void publishReady() {
        ready = candidates.stream()
                .filter(candidate -> {
                    Probe probe = probes.get(candidate);
                    return probe != null && probe.ready;
                })
                .collect(Collectors.groupingBy(Candidate::service, Collectors.toUnmodifiableList()));
    }

    private void logChanges(List<Candidate> previous, List<Candidate> next) {
        TreeSet<String> services = new TreeSet<>();
        previous.forEach(candidate -> services.add(candidate.service()));
        next.forEach(candidate -> services.add(candidate.service()));
        for (String service : services) {
            List<String> before = ids(previous, service);
            List<String> after = ids(next, service);
            if (!before.equals(after)) {
                log.info("{} candidates from {}: {} (were {})", service, source.description(), after, before);
            }
        }
    }

    private static List<String> ids(List<Candidate> candidates, String service) {
        return candidates.stream()
                .filter(candidate -> candidate.service().equals(service))
                .map(candidate -> candidate.id() + "@" + candidate.url().getAuthority())
                .toList();
    }

    /** What the registry knows about one candidate; mutable, guarded by the registry. */
    private static final class Probe {
        boolean ready;
        boolean inFlight;
        int failures;
        String state = "not probed yet";

        @Nullable
        Instant since;
    }

    /** The registry as the {@code instances} endpoint shows it. */
    public record View(String source, Map<String, List<InstanceView>> services) {}

    /**
     * @param since when it last went in or out of traffic
     */
    public record InstanceView(
            String id,
            String url,
            String managementUrl,
            boolean ready,
            String state,
            @Nullable Instant since) {}
}
