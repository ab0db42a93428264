package io.learnscale.gateway.dashboard;

import io.learnscale.gateway.dashboard.Aggregation.Observed;
import io.learnscale.gateway.dashboard.Aggregation.Scraped;
import io.learnscale.gateway.discovery.InstanceRegistry;
import io.learnscale.gateway.discovery.InstanceRegistry.InstanceView;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The snapshots every viewer of the dashboard shares. While at least one viewer is connected, every candidate the
 * {@link InstanceRegistry} knows is scraped once per interval ({@code /actuator/prometheus}, only the three metric
 * families shown), all at once and without blocking; the snapshot made from the answers goes to every viewer, and a
 * new viewer gets the latest one at once. With nobody watching, nothing is scraped.
 *
 * <p>Stopped before the web server's graceful shutdown, so open feeds end instead of holding the shutdown up.
 */
final class DashboardFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);

    private final InstanceRegistry registry;
    private final GatewayMeters gateway;
    private final DashboardProperties properties;
    private final Aggregation aggregation;
    private final HttpClient http;
    private final String query;
    private final Sinks.Empty<Void> stopped = Sinks.empty();
    private final Flux<Snapshot> snapshots;
    private volatile boolean running;
    private volatile long lastStarted = System.nanoTime() - Duration.ofDays(1).toNanos();

    DashboardFeed(InstanceRegistry registry, GatewayMeters gateway, DashboardProperties properties) {
        this.registry = registry;
        this.gateway = gateway;
        this.properties = properties;
        this.aggregation = new Aggregation(properties.interval(), properties.rateWindow());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.scrapeTimeout())
                .build();
        // family names (what the endpoint filters on) and sample names, so either reading of the filter matches
        this.query = "?includedNames="
                + URLEncoder.encode(
                        String.join(
                                ",",
                                Stream.concat(Reading.FAMILIES.stream(), Reading.SAMPLES.stream())
                                        .sorted()
                                        .toList()),
                        StandardCharsets.UTF_8);
        this.snapshots = Flux.interval(Duration.ZERO, properties.interval())
                // a tick while the last period's scrapes are still out waits (one at most), then is skipped as too soon
                // after it (snapshot()); further ticks are dropped
                .onBackpressureDrop()
                .concatMap(tick -> snapshot(), 1)
                .takeUntilOther(stopped.asMono())
                .replay(1)
                .refCount(1, properties.linger());
    }

    /** The shared snapshots: the latest at once, then one per interval. */
    Flux<Snapshot> snapshots() {
        return snapshots;
    }

    Mono<Snapshot> snapshot() {
        long started = System.nanoTime();
        if (started - lastStarted < properties.interval().toNanos() / 2) {
            // a tick that waited for a slow period: so soon after it, rates would be mostly noise
            return Mono.empty();
        }
        lastStarted = started;
        List<InstanceView> candidates = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (Map.Entry<String, List<InstanceView>> service :
                registry.view().services().entrySet()) {
            for (InstanceView instance : service.getValue()) {
                candidates.add(instance);
                services.add(service.getKey());
            }
        }
        List<Mono<Scraped>> scrapes = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            InstanceView instance = candidates.get(i);
            String service = services.get(i);
            scrapes.add(scrape(instance)
                    .map(reading -> new Scraped(service, instance.id(), instance.ready(), instance.state(), reading))
                    .defaultIfEmpty(new Scraped(service, instance.id(), instance.ready(), instance.state(), null)));
        }
        return Flux.mergeSequential(scrapes).collectList().map(scraped -> {
            long nanos = System.nanoTime();
            Observed observed = aggregation.next(scraped, nanos);
            List<Snapshot.Instance> instances = new ArrayList<>();
            instances.add(new Snapshot.Instance("gateway", gateway.id(), gateway.id(), true, "UP", true));
            instances.addAll(observed.instances());
            return new Snapshot(
                    Instant.now(),
                    properties.interval().toMillis() / 1000.0,
                    List.copyOf(instances),
                    observed.services(),
                    gateway.traffic(nanos),
                    observed.lag(),
                    gateway.breakers());
        });
    }

    private Mono<Reading> scrape(InstanceView instance) {
        URI uri;
        try {
            uri = URI.create(trimSlash(instance.managementUrl()) + properties.scrapePath() + query);
        } catch (IllegalArgumentException badUrl) {
            return Mono.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.scrapeTimeout())
                .header("Accept", "text/plain;version=0.0.4")
                .GET()
                .build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .flatMap(response -> response.statusCode() == 200
                        ? Mono.just(Reading.of(PrometheusText.parse(response.body(), Reading.SAMPLES)))
                        : Mono.empty())
                .onErrorResume(failure -> {
                    log.debug("No metrics from {} this period: {}", instance.id(), failure.toString());
                    return Mono.empty();
                });
    }

    private static String trimSlash(@Nullable String url) {
        String base = url == null ? "" : url;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
