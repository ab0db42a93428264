package io.learnscale.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** infra/prometheus/prometheus.yml: every app's replicas, found through Docker DNS, on their management port. */
class PrometheusConfigTests {

    static final String PATH = "infra/prometheus/prometheus.yml";

    /** The checked list of jobs: one per app, named as the compose service, plus Prometheus itself. */
    static final Set<String> JOBS =
            Set.of("gateway", "content-service", "quiz-service", "search-service", "prometheus");

    private final Map<String, Object> config = Repository.yaml(PATH);
    private final Compose compose = Compose.load();

    @Test
    void scrapesExactlyTheCheckedJobs() {
        assertThat(jobs().keySet()).isEqualTo(JOBS);
    }

    @Test
    void everyAppJobFindsEachReplicaThroughDockerDns() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            Map<String, Object> job = jobs().get(app);
            softly.assertThat(job).as("job %s", app).isNotNull();
            if (job == null) {
                continue;
            }
            softly.assertThat(job).as("%s: DNS discovery only", app).doesNotContainKey("static_configs");
            List<?> discovery = (List<?>) job.get("dns_sd_configs");
            softly.assertThat(discovery).as("%s dns_sd_configs", app).hasSize(1);
            Map<?, ?> dns = (Map<?, ?>) discovery.getFirst();
            softly.assertThat(dns.get("type")).as("%s record type", app).isEqualTo("A");
            softly.assertThat(dns.get("names")).as("%s names", app).isEqualTo(List.of(app));
            softly.assertThat(compose.services()).as("compose service %s", app).containsKey(app);
            softly.assertThat(String.valueOf(dns.get("port")))
                    .as("%s port: the management port", app)
                    .isEqualTo(compose.environment(app).get("MANAGEMENT_SERVER_PORT"));
            softly.assertThat(job.get("metrics_path"))
                    .as("%s metrics_path", app)
                    .isEqualTo(Health.PROMETHEUS);
            softly.assertThat(Health.exposedEndpoints(App.of(app)))
                    .as("%s exposes", app)
                    .contains("prometheus");
            // the apps tag every meter with instance = instance id; keep it rather than ip:port
            softly.assertThat(job.get("honor_labels"))
                    .as("%s honor_labels", app)
                    .isEqualTo(true);
        }
        softly.assertAll();
    }

    @Test
    void everyAppHasThePrometheusRegistry() {
        for (String app : Repository.APPS) {
            String pom = Repository.read(app + "/pom.xml");
            boolean registry = pom.contains("<artifactId>micrometer-registry-prometheus</artifactId>")
                    || (pom.contains("<artifactId>service-support</artifactId>")
                            && Repository.read("infra/service-support/pom.xml")
                                    .contains("<artifactId>micrometer-registry-prometheus</artifactId>"));
            assertThat(registry)
                    .as("%s has micrometer-registry-prometheus", app)
                    .isTrue();
        }
    }

    @Test
    void scrapesOftenEnoughToSeeAScaleOut() {
        Map<?, ?> global = (Map<?, ?>) config.get("global");
        assertThat(global.get("scrape_interval")).isEqualTo("5s");
        jobs().forEach((name, job) -> {
            if (job.get("dns_sd_configs") instanceof List<?> discovery) {
                assertThat(((Map<?, ?>) discovery.getFirst()).get("refresh_interval"))
                        .as("%s refresh_interval", name)
                        .isEqualTo("5s");
            }
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> jobs(Map<String, Object> config) {
        Map<String, Map<String, Object>> jobs = new TreeMap<>();
        for (Object job : (List<?>) config.get("scrape_configs")) {
            Map<String, Object> scrape = (Map<String, Object>) job;
            jobs.put(String.valueOf(scrape.get("job_name")), scrape);
        }
        return jobs;
    }

    private Map<String, Map<String, Object>> jobs() {
        return jobs(config);
    }
}
