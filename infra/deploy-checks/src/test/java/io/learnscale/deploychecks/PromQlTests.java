package io.learnscale.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTests {

    @Test
    void findsTheMetricsInsideFunctionsAndAggregations() {
        assertThat(
                        PromQl.metrics(
                                "histogram_quantile(0.95, sum by (job, le) (rate(http_server_requests_seconds_bucket{job=~\"$service\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
    }

    @Test
    void findsBothSidesOfABinaryOperation() {
        assertThat(PromQl.metrics("sum(rate(a_total{result=\"hit\"}[1m])) / sum(rate(b_total[1m])) > bool 0.5"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void ignoresLabelNamesInGroupingAndMatchers() {
        assertThat(PromQl.metrics("count by (job) (up{job!=\"prometheus\", instance=~\"x.*\"} == 1)"))
                .containsExactly("up");
    }

    @Test
    void readsTheExpressionOfAGrafanaLabelValuesQuery() {
        assertThat(PromQl.metrics("label_values(up{job!=\"prometheus\"}, job)")).containsExactly("up");
    }

    @Test
    void findsLiteralJobsButNotTemplateVariables() {
        assertThat(PromQl.jobs("x{job=\"search-service\"} + y{job=~\"gateway|quiz-service\"} + z{job=~\"$service\"}"))
                .containsExactly("gateway", "quiz-service", "search-service");
    }
}
