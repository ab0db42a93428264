package io.learnscale.gateway.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway finds the instances of each service (DESIGN: Finding instances). The candidates come from the
 * first source configured: {@code instances-file} (local, the launcher's {@code instances.json}), else
 * {@code instances} (a fixed list, for tests and development), else DNS (compose, Kubernetes headless services).
 *
 * @param instancesFile the launcher's {@code instances.json}; blank for none
 * @param refreshInterval how often the instances file is read again
 * @param readiness how the candidates are probed
 * @param dns the DNS names of the services, used when there is no file and no fixed list
 * @param instances a fixed list of candidates
 */
@ConfigurationProperties("learnscale.discovery")
record DiscoveryProperties(
        @Nullable String instancesFile,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue Readiness readiness,
        @DefaultValue Dns dns,
        @Nullable List<Candidate> instances) {

    DiscoveryProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    boolean hasInstancesFile() {
        return instancesFile != null && !instancesFile.isBlank();
    }

    /**
     * @param path the readiness probe, on each candidate's management URL
     * @param interval how often every candidate is probed
     * @param timeout how long a probe may take, connecting included
     * @param failureThreshold probes in a row that get no answer (timeout, refused connection) before a ready
     *     candidate is taken out; an answer other than 2xx takes it out at once
     */
    record Readiness(
            @DefaultValue("/actuator/health/readiness") String path,
            @DefaultValue("1s") Duration interval,
            @DefaultValue("500ms") Duration timeout,
            @DefaultValue("2") int failureThreshold) {}

    /**
     * @param refreshInterval how often the names are resolved again
     * @param port the public port of every instance, unless the service says otherwise
     * @param managementPort the management port of every instance, unless the service says otherwise
     * @param services by service name: its DNS name and ports
     */
    record Dns(
            @DefaultValue("2s") Duration refreshInterval,
            @DefaultValue("8080") int port,
            @DefaultValue("8081") int managementPort,
            @Nullable Map<String, DnsService> services) {

        Dns {
            services = services == null ? Map.of() : Map.copyOf(services);
        }
    }

    /**
     * @param host the name that resolves to every instance; the service name when not given
     * @param port the public port; {@link Dns#port()} when not given
     * @param managementPort the management port; {@link Dns#managementPort()} when not given
     */
    record DnsService(
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Integer managementPort) {}
}
