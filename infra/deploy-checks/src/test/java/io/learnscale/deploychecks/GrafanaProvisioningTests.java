package io.learnscale.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** infra/grafana: the Prometheus data source and the "learnscale — scaling" dashboard, against the checked lists. */
class GrafanaProvisioningTests {

    static final String DASHBOARDS_IN_CONTAINER = "/var/lib/grafana/dashboards";
    static final String DASHBOARD_FILE = "learnscale-scaling.json";

    /** The panels the issue asks for, by a phrase of their titles. */
    private static final List<String> PANELS = List.of(
            "requests per second per instance",
            "latency percentiles",
            "errors (5xx) and rate-limited (429)",
            "cache hit ratio",
            "consumer lag per partition",
            "circuit breakers",
            "hikaricp",
            "jvm heap",
            "cpu per instance");

    private final JsonNode dashboard =
            JsonMapper.builder().build().readTree(Repository.read("infra/grafana/dashboards/" + DASHBOARD_FILE));

    @Test
    void theDataSourceIsTheComposePrometheus() {
        Map<String, Object> datasource = prometheusDataSource();
        assertThat(datasource).containsEntry("url", "http://prometheus:9090").containsEntry("uid", "prometheus");
        assertThat(Compose.load().publishedPorts("prometheus")).contains(9090);
    }

    @Test
    void dashboardsAreLoadedFromTheMountedDirectory() {
        Map<String, Object> providers = Repository.yaml("infra/grafana/provisioning/dashboards/dashboards.yml");
        Map<?, ?> provider = (Map<?, ?>) ((List<?>) providers.get("providers")).getFirst();
        assertThat(((Map<?, ?>) provider.get("options")).get("path")).isEqualTo(DASHBOARDS_IN_CONTAINER);
        assertThat(provider.get("type")).isEqualTo("file");
    }

    @Test
    void theDashboardHasTheIssuesPanels() {
        assertThat(dashboard.path("title").asString()).isEqualTo("learnscale — scaling");
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        List<String> titles = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> titles.add(panel.path("title").asString().toLowerCase(Locale.ROOT)));
        SoftAssertions softly = new SoftAssertions();
        PANELS.forEach(phrase -> softly.assertThat(titles)
                .as("a panel titled with '%s'", phrase)
                .anyMatch(title -> title.contains(phrase)));
        softly.assertAll();
    }

    @Test
    void everyQueryUsesTheProvisionedDataSource() {
        String uid = String.valueOf(prometheusDataSource().get("uid"));
        SoftAssertions softly = new SoftAssertions();
        dashboard.path("panels").forEach(panel -> {
            if (!panel.path("type").asString().equals("row")) {
                softly.assertThat(panel.path("datasource").path("uid").asString())
                        .as("panel %s", panel.path("title").asString())
                        .isEqualTo(uid);
                softly.assertThat(panel.path("targets").isEmpty())
                        .as("panel %s has queries", panel.path("title").asString())
                        .isFalse();
                panel.path("targets")
                        .forEach(target -> softly.assertThat(
                                        target.path("datasource").path("uid").asString())
                                .as("query %s", target.path("expr").asString())
                                .isEqualTo(uid));
            }
        });
        dashboard
                .path("templating")
                .path("list")
                .forEach(variable -> softly.assertThat(
                                variable.path("datasource").path("uid").asString())
                        .as("variable %s", variable.path("name").asString())
                        .isEqualTo(uid));
        softly.assertAll();
    }

    @Test
    void everyMetricQueriedIsInTheCheckedList() {
        Set<String> unknown = new TreeSet<>(metrics());
        unknown.removeAll(KnownMetrics.METRICS.keySet());
        assertThat(unknown)
                .as("metrics the dashboard queries that KnownMetrics does not list")
                .isEmpty();
        assertThat(metrics()).as("metrics the dashboard queries").isNotEmpty();
    }

    @Test
    void everyCheckedMetricHasEvidenceInTheApps() {
        SoftAssertions softly = new SoftAssertions();
        KnownMetrics.METRICS.forEach((metric, evidence) -> softly.assertThat(KnownMetrics.foundIn(evidence))
                .as("%s (%s) in an app", metric, evidence)
                .isNotNull());
        softly.assertAll();
    }

    @Test
    void everyJobQueriedIsAPrometheusJob() {
        Set<String> jobs = new TreeSet<>();
        expressions().forEach(expression -> jobs.addAll(PromQl.jobs(expression)));
        assertThat(jobs).isNotEmpty();
        assertThat(PrometheusConfigTests.JOBS).containsAll(jobs);
        assertThat(PrometheusConfigTests.jobs(Repository.yaml(PrometheusConfigTests.PATH))
                        .keySet())
                .isEqualTo(PrometheusConfigTests.JOBS);
    }

    @Test
    void latencyPercentilesHaveTheirHistogramWhereverTheAppsRun() {
        if (!metrics().contains("http_server_requests_seconds_bucket")) {
            return;
        }
        Compose compose = Compose.load();
        Manifests manifests = Manifests.load();
        for (String app : Repository.APPS) {
            assertThat(compose.environment(app)).as("compose %s", app).containsEntry(Variables.HISTOGRAM, "true");
            assertThat(manifests.environment(app)).as("k8s %s", app).containsEntry(Variables.HISTOGRAM, "true");
        }
    }

    private Set<String> metrics() {
        Set<String> metrics = new TreeSet<>();
        expressions().forEach(expression -> metrics.addAll(PromQl.metrics(expression)));
        return metrics;
    }

    private List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(target -> expressions.add(target.path("expr").asString())));
        dashboard.path("templating").path("list").forEach(variable -> {
            JsonNode query = variable.path("query");
            expressions.add(query.isObject() ? query.path("query").asString() : query.asString());
        });
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prometheusDataSource() {
        Map<String, Object> provisioning = Repository.yaml("infra/grafana/provisioning/datasources/datasources.yml");
        return ((List<Map<String, Object>>) provisioning.get("datasources"))
                .stream()
                        .filter(datasource -> "prometheus".equals(datasource.get("type")))
                        .findFirst()
                        .orElseThrow();
    }
}
