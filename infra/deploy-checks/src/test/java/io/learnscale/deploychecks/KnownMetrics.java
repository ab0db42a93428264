package io.learnscale.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checked list: every metric the Grafana dashboard may query, and why the apps export it. A metric missing here
 * fails the dashboard check; each entry's evidence is itself checked against the apps (a dependency in an app's
 * pom, or the Micrometer name in an app's main sources). Whether the running apps really export them is the
 * system tests' part.
 */
final class KnownMetrics {

    /** Why a metric exists. */
    sealed interface Evidence {}

    /** Prometheus's own (up). */
    record Prometheus() implements Evidence {}

    /** A library meter: exported when one of the apps depends on this artifact. */
    record Dependency(String artifactId) implements Evidence {}

    /** A learnscale meter: registered under this Micrometer name in an app's main code. */
    record Code(String micrometerName) implements Evidence {}

    static final Map<String, Evidence> METRICS = metrics();

    private KnownMetrics() {}

    private static Map<String, Evidence> metrics() {
        Map<String, Evidence> metrics = new TreeMap<>();
        metrics.put("up", new Prometheus());
        // Spring Boot Actuator + Micrometer: HTTP server observations (MVC and WebFlux), JVM and process
        Evidence actuator = new Dependency("spring-boot-starter-actuator");
        metrics.put("http_server_requests_seconds_count", actuator);
        metrics.put("http_server_requests_seconds_sum", actuator);
        metrics.put("http_server_requests_seconds_max", actuator);
        // only with management.metrics.distribution.percentiles-histogram.http.server.requests=true
        // (Variables.HISTOGRAM)
        metrics.put("http_server_requests_seconds_bucket", actuator);
        metrics.put("jvm_memory_used_bytes", actuator);
        metrics.put("process_cpu_usage", actuator);
        // HikariCP pools of the JDBC services
        Evidence hikari = new Dependency("spring-boot-starter-data-jdbc");
        metrics.put("hikaricp_connections_active", hikari);
        metrics.put("hikaricp_connections_idle", hikari);
        metrics.put("hikaricp_connections_pending", hikari);
        metrics.put("hikaricp_connections_max", hikari);
        // Resilience4j circuit breakers (the gateway's per service, the services' Redis breakers)
        metrics.put("resilience4j_circuitbreaker_state", new Dependency("resilience4j-micrometer"));
        // learnscale's own meters
        metrics.put("cache_gets_total", new Code("cache.gets"));
        metrics.put("learnscale_consumer_lag", new Code("learnscale.consumer.lag"));
        metrics.put("gateway_upstream_requests_in_flight", new Code("gateway.upstream.requests.in.flight"));
        return metrics;
    }

    /** Where the evidence is found, or null when no app shows it. */
    static String foundIn(Evidence evidence) {
        for (String module : modules()) {
            boolean found = switch (evidence) {
                case Prometheus prometheus -> true;
                case Dependency dependency ->
                    Repository.read(module + "/pom.xml")
                            .contains("<artifactId>" + dependency.artifactId() + "</artifactId>");
                case Code code -> Repository.mainSources(module).contains("\"" + code.micrometerName() + "\"");
            };
            if (found) {
                return module;
            }
        }
        return null;
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>(Repository.APPS);
        modules.add("infra/service-support"); // what every servlet service gets: actuator, Prometheus registry
        return modules;
    }
}
