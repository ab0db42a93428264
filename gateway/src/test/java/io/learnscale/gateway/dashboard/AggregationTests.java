package io.learnscale.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.learnscale.gateway.dashboard.Aggregation.Observed;
import io.learnscale.gateway.dashboard.Aggregation.Scraped;
import io.learnscale.gateway.dashboard.Snapshot.PartitionLag;
import io.learnscale.gateway.dashboard.Snapshot.ServiceTraffic;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AggregationTests {

    private static final long SECOND = 1_000_000_000L;

    private final Aggregation aggregation = new Aggregation(Duration.ofSeconds(1), Duration.ofSeconds(3));

    /** A content instance that answered {@code ok} 200s and {@code failed} 503s, all within 10 ms. */
    private static Reading content(String instance, int ok, int failed, int hits, int misses) {
        return reading("""
                http_server_requests_seconds_count{instance="%1$s",status="200",uri="/api/topics"} %2$d
                http_server_requests_seconds_count{instance="%1$s",status="503",uri="/api/topics"} %3$d
                http_server_requests_seconds_count{instance="%1$s",status="200",uri="/actuator/health"} 999
                http_server_requests_seconds_bucket{instance="%1$s",le="0.01",status="200",uri="/api/topics"} %2$d
                http_server_requests_seconds_bucket{instance="%1$s",le="+Inf",status="200",uri="/api/topics"} %2$d
                http_server_requests_seconds_bucket{instance="%1$s",le="0.01",status="503",uri="/api/topics"} %3$d
                http_server_requests_seconds_bucket{instance="%1$s",le="+Inf",status="503",uri="/api/topics"} %3$d
                cache_gets_total{cache="topic",instance="%1$s",result="hit"} %4$d
                cache_gets_total{cache="topic",instance="%1$s",result="miss"} %5$d
                """.formatted(instance, ok, failed, hits, misses));
    }

    private static Reading reading(String text) {
        return Reading.of(PrometheusText.parse(text, Reading.SAMPLES));
    }

    private static Scraped scraped(String service, String id, @Nullable Reading reading) {
        return new Scraped(service, id, true, "UP", reading);
    }

    private static ServiceTraffic service(Observed observed, String name) {
        return observed.services().stream()
                .filter(service -> service.service().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void ratesArePerInstanceOverThePeriodAndLeaveTheManagementPortOut() {
        aggregation.next(
                List.of(
                        scraped("content-service", "content-service-1", content("content-service-1", 100, 0, 0, 0)),
                        scraped("content-service", "content-service-2", content("content-service-2", 50, 0, 0, 0))),
                0);

        Observed observed = aggregation.next(
                List.of(
                        scraped("content-service", "content-service-1", content("content-service-1", 120, 0, 0, 0)),
                        scraped("content-service", "content-service-2", content("content-service-2", 80, 4, 0, 0))),
                2 * SECOND);

        ServiceTraffic content = service(observed, "content-service");
        assertThat(content.requestsPerSecond()).containsEntry("content-service-1", 10.0);
        assertThat(content.requestsPerSecond()).containsEntry("content-service-2", 17.0);
        assertThat(content.serverErrorsPerSecond()).isEqualTo(2.0);
        assertThat(content.latencyMs()).isNotNull();
        assertThat(content.latencyMs().p50()).isCloseTo(5.0, within(1e-9));
        assertThat(content.latencyMs().p99()).isCloseTo(9.9, within(1e-9));
    }

    @Test
    void aFirstReadingOrARestartedInstanceHasNoRateYet() {
        Observed first = aggregation.next(
                List.of(scraped("content-service", "content-service-1", content("content-service-1", 100, 0, 0, 0))),
                0);
        assertThat(service(first, "content-service").requestsPerSecond()).containsEntry("content-service-1", null);
        assertThat(service(first, "content-service").latencyMs()).isNull();

        Observed restarted = aggregation.next(
                List.of(scraped("content-service", "content-service-1", content("content-service-1", 3, 0, 0, 0))),
                SECOND);
        assertThat(service(restarted, "content-service").requestsPerSecond()).containsEntry("content-service-1", null);
    }

    @Test
    void aRateCoversTheRateWindowNotJustTheLastPeriod() {
        int[] counts = {100, 110, 100 + 10 + 30, 100 + 10 + 30 + 20, 100 + 10 + 30 + 20 + 60};
        Observed observed = null;
        for (int second = 0; second < counts.length; second++) {
            observed = aggregation.next(
                    List.of(scraped(
                            "content-service",
                            "content-service-1",
                            content("content-service-1", counts[second], 0, 0, 0))),
                    second * SECOND);
        }

        // the last three seconds: 30 + 20 + 60 requests
        assertThat(service(observed, "content-service").requestsPerSecond())
                .containsEntry("content-service-1", 110.0 / 3);
    }

    @Test
    void aReadingOlderThanTheWindowMakesNoRate() {
        aggregation.next(
                List.of(scraped("content-service", "content-service-1", content("content-service-1", 100, 0, 0, 0))),
                0);

        Observed late = aggregation.next(
                List.of(scraped("content-service", "content-service-1", content("content-service-1", 200, 0, 0, 0))),
                4 * SECOND);

        assertThat(service(late, "content-service").requestsPerSecond()).containsEntry("content-service-1", null);
    }

    @Test
    void anInstanceWithoutMetricsStaysInTheTopologyAndAGoneOneLeavesIt() {
        aggregation.next(
                List.of(
                        scraped("content-service", "content-service-1", content("content-service-1", 1, 0, 0, 0)),
                        scraped("content-service", "content-service-2", content("content-service-2", 1, 0, 0, 0))),
                0);

        Observed observed = aggregation.next(
                List.of(new Scraped("content-service", "content-service-1", false, "connection refused", null)),
                SECOND);

        assertThat(observed.instances()).singleElement().satisfies(instance -> {
            assertThat(instance.name()).isEqualTo("content-service-1");
            assertThat(instance.ready()).isFalse();
            assertThat(instance.scraped()).isFalse();
        });
        assertThat(service(observed, "content-service").requestsPerSecond()).isEmpty();
    }

    @Test
    void theHitRatioCountsEachLookupOnceAcrossCacheLevels() {
        String quiz = """
                cache_gets_total{cache="quizzes",instance="quiz-service-1",level="local",result="hit"} %d
                cache_gets_total{cache="quizzes",instance="quiz-service-1",level="local",result="miss"} %d
                cache_gets_total{cache="quizzes",instance="quiz-service-1",level="redis",result="hit"} %d
                cache_gets_total{cache="quizzes",instance="quiz-service-1",level="redis",result="miss"} %d
                http_server_requests_seconds_count{instance="quiz-service-1",status="200",uri="/api/quizzes/{id}"} 0
                """;
        aggregation.next(List.of(scraped("quiz-service", "quiz-service-1", reading(quiz.formatted(0, 0, 0, 0)))), 0);

        // 10 lookups: 8 answered in memory, 2 asked Redis, which had 1
        Observed observed = aggregation.next(
                List.of(scraped("quiz-service", "quiz-service-1", reading(quiz.formatted(8, 2, 1, 1)))), SECOND);

        assertThat(service(observed, "quiz-service").cacheHitRatio()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void aSingleLevelCacheIsHitsOverLookupsAndNoLookupsIsNoRatio() {
        aggregation.next(
                List.of(scraped("content-service", "content-service-1", content("content-service-1", 0, 0, 10, 10))),
                0);

        Observed observed = aggregation.next(
                List.of(scraped("content-service", "content-service-1", content("content-service-1", 0, 0, 13, 11))),
                SECOND);
        assertThat(service(observed, "content-service").cacheHitRatio()).isCloseTo(0.75, within(1e-9));

        Observed idle = null;
        for (int second = 2; second <= 5; second++) {
            idle = aggregation.next(
                    List.of(scraped(
                            "content-service", "content-service-1", content("content-service-1", 0, 0, 13, 11))),
                    second * SECOND);
        }
        assertThat(service(idle, "content-service").cacheHitRatio()).isNull();
    }

    @Test
    void eachPartitionsLagIsShownWithTheInstanceThatReportsIt() {
        String search = """
                learnscale_consumer_lag{group="analytics",instance="%1$s",partition="%2$d",topic="quiz.attempts"} %3$d
                """;

        Observed observed = aggregation.next(
                List.of(
                        scraped("search-service", "10.0.0.7", reading(search.formatted("search-service-2", 4, 12))),
                        scraped("search-service", "10.0.0.6", reading(search.formatted("search-service-1", 1, 0)))),
                0);

        assertThat(observed.lag())
                .containsExactly(
                        new PartitionLag("quiz.attempts", "analytics", 1, 0, "search-service-1"),
                        new PartitionLag("quiz.attempts", "analytics", 4, 12, "search-service-2"));
        assertThat(observed.instances())
                .extracting(Snapshot.Instance::name)
                .containsExactly("search-service-2", "search-service-1");
    }
}
