package io.learnscale.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.gateway.dashboard.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    private static final String SCRAPE = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{instance="content-service-1",le="0.005",status="200",uri="/api/topics"} 3
            http_server_requests_seconds_bucket{instance="content-service-1",le="+Inf",status="200",uri="/api/topics"} 7
            http_server_requests_seconds_count{instance="content-service-1",status="200",uri="/api/topics"} 7
            http_server_requests_seconds_sum{instance="content-service-1",status="200",uri="/api/topics"} 0.25
            jvm_threads_live_threads{instance="content-service-1"} 31.0
            cache_gets_total{cache="say \\"hi\\"\\\\now",result="hit"} 1.0E3
            broken_line{unclosed="x 4
            learnscale_consumer_lag NaN
            """;

    @Test
    void readsTheSamplesAskedForWithTheirLabels() {
        List<Sample> samples = PrometheusText.parse(
                SCRAPE, Set.of("http_server_requests_seconds_bucket", "http_server_requests_seconds_count"));

        assertThat(samples)
                .containsExactly(
                        new Sample(
                                "http_server_requests_seconds_bucket",
                                Map.of(
                                        "instance",
                                        "content-service-1",
                                        "le",
                                        "0.005",
                                        "status",
                                        "200",
                                        "uri",
                                        "/api/topics"),
                                3),
                        new Sample(
                                "http_server_requests_seconds_bucket",
                                Map.of(
                                        "instance",
                                        "content-service-1",
                                        "le",
                                        "+Inf",
                                        "status",
                                        "200",
                                        "uri",
                                        "/api/topics"),
                                7),
                        new Sample(
                                "http_server_requests_seconds_count",
                                Map.of("instance", "content-service-1", "status", "200", "uri", "/api/topics"),
                                7));
    }

    @Test
    void unescapesLabelValuesAndReadsExponentsAndNaN() {
        List<Sample> samples = PrometheusText.parse(SCRAPE, Set.of("cache_gets_total", "learnscale_consumer_lag"));

        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).label("cache")).isEqualTo("say \"hi\"\\now");
        assertThat(samples.get(0).value()).isEqualTo(1000);
        assertThat(samples.get(1).labels()).isEmpty();
        assertThat(samples.get(1).value()).isNaN();
    }

    @Test
    void skipsLinesItCannotRead() {
        assertThat(PrometheusText.parse(SCRAPE, Set.of("broken_line"))).isEmpty();
        assertThat(PrometheusText.parse("", Set.of("broken_line"))).isEmpty();
    }

    @Test
    void readsBoundsIncludingInfinity() {
        assertThat(PrometheusText.number("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PrometheusText.number("0.005")).isEqualTo(0.005);
        assertThat(PrometheusText.number("fast")).isNull();
    }
}
