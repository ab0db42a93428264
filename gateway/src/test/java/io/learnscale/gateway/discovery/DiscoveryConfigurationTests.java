package io.learnscale.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which source the configuration picks: the instances file, else a fixed list, else DNS. */
class DiscoveryConfigurationTests {

    private final DiscoveryConfiguration configuration = new DiscoveryConfiguration();

    @Test
    void anInstancesFileWins() {
        DiscoveryProperties properties = bind(Map.of(
                "learnscale.discovery.instances-file", "/tmp/instances.json",
                "learnscale.discovery.instances[0].service", "content-service",
                "learnscale.discovery.instances[0].id", "content-service-1",
                "learnscale.discovery.instances[0].url", "http://127.0.0.1:1"));

        assertThat(configuration.candidateSource(properties))
                .isInstanceOf(InstancesFile.class)
                .extracting(CandidateSource::description)
                .isEqualTo("file /tmp/instances.json");
    }

    @Test
    void aFixedListIsUsedWhenThereIsNoFileAndIsProbedOnItsUrlWithoutAManagementUrl() {
        DiscoveryProperties properties = bind(Map.of(
                "learnscale.discovery.instances-file", "",
                "learnscale.discovery.instances[0].service", "content-service",
                "learnscale.discovery.instances[0].id", "content-service-1",
                "learnscale.discovery.instances[0].url", "http://127.0.0.1:1"));

        CandidateSource source = configuration.candidateSource(properties);

        assertThat(source).isInstanceOf(FixedCandidates.class);
        assertThat(source.candidates())
                .containsExactly(new Candidate(
                        "content-service",
                        "content-service-1",
                        URI.create("http://127.0.0.1:1"),
                        URI.create("http://127.0.0.1:1")));
    }

    @Test
    void dnsIsUsedWhenNothingElseIsConfigured() {
        DiscoveryProperties properties = bind(Map.of(
                "learnscale.discovery.dns.services.content-service.host", "content.internal",
                "learnscale.discovery.dns.services.quiz-service.port", "9090"));

        CandidateSource source = configuration.candidateSource(properties);

        assertThat(source).isInstanceOf(DnsCandidates.class);
        assertThat(source.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(source.description()).isEqualTo("DNS content-service=content.internal, quiz-service=quiz-service");
        assertThat(properties.dns().port()).isEqualTo(8080);
        assertThat(properties.dns().managementPort()).isEqualTo(8081);
        assertThat(properties.readiness())
                .isEqualTo(new DiscoveryProperties.Readiness(
                        "/actuator/health/readiness", Duration.ofSeconds(1), Duration.ofMillis(500), 2));
    }

    private static DiscoveryProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("learnscale.discovery", DiscoveryProperties.class);
    }
}
