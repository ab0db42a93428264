package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every metric the Grafana dashboard and the Prometheus config refer to is exported by the running apps. */
@Order(40)
class DashboardMetricsTests {

    /** Metric names of the apps and their libraries; `up` and other Prometheus-made series are not among them. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:cache|gateway|hikaricp|http|jvm|learnscale|process|resilience4j|kafka|quiz|spring)_[a-z0-9_]+)");

    private final Stack stack = SystemStack.get();

    @Test
    void everyDashboardMetricIsExported() throws IOException {
        Path home = stack.options().home();
        Set<String> wanted = new TreeSet<>();
        wanted.addAll(metricsIn(home.resolve("infra/grafana/dashboards/learnscale-scaling.json")));
        wanted.addAll(metricsIn(home.resolve("infra/prometheus/prometheus.yml")));
        assertThat(wanted).isNotEmpty();

        trafficThroughEveryService();
        String exported = stack.instances().stream()
                .map(AppInstance::managementUrl)
                .map(url -> Http.get(url + "/actuator/prometheus").body())
                .collect(Collectors.joining("\n"));

        Set<String> missing = new TreeSet<>();
        for (String metric : wanted) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]")
                    .matcher(exported)
                    .find()) {
                missing.add(metric);
            }
        }
        assertThat(missing).as("metrics the dashboard uses that no app exports").isEmpty();
    }

    private void trafficThroughEveryService() {
        String gateway = stack.gatewayUrl();
        for (String path : new String[] {
            "/api/topics",
            "/api/topics/horizontal-scaling",
            "/api/sections",
            "/api/quizzes/scaling-techniques",
            "/api/search?q=scaling",
            "/api/analytics/quizzes/scaling-techniques"
        }) {
            assertThat(Http.get(gateway + path).statusCode()).as(path).isEqualTo(200);
        }
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }
}
