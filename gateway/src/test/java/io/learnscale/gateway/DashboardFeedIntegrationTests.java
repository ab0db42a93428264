package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The dashboard's feed against real HTTP servers standing in for two content instances: their management ports are
 * scraped once a second while someone watches, however many watch, and not at all while nobody does; the events
 * carry each instance's requests per second.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "learnscale.instance-id=gateway-7", "learnscale.dashboard.linger=1s"})
@AutoConfigureWebTestClient
@RealInfrastructure
@ActiveProfiles("benchmark") // reads from one address without 429s
@DirtiesContext
class DashboardFeedIntegrationTests {

    @RegisterExtension
    static final TestUpstream one = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream two = TestUpstream.start("content-service-2");

    @RegisterExtension
    static final TestInstances instances =
            TestInstances.of(List.of(Entry.of("content-service", one), Entry.of("content-service", two)));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @LocalManagementPort
    int managementPort;

    @Test
    void nobodyWatchingNothingIsScraped() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
        int[] last = {scrapes()};

        // an earlier viewer's feed ends 1 s (linger) after it left; from then on, no scrape at all
        await().atMost(Duration.ofSeconds(15))
                .during(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    int now = scrapes();
                    boolean none = now == last[0];
                    last[0] = now;
                    return none;
                });
    }

    @Test
    void threeViewersShareOneScrapePerInstancePerSecondAndSeeEachInstancesRate() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
        // reads all along, ten a second, so every event has a rate for both instances
        ScheduledExecutorService reads = Executors.newSingleThreadScheduledExecutor();
        reads.scheduleAtFixedRate(
                () -> http.get().uri("/api/topics").exchange().expectStatus().isOk(), 0, 100, TimeUnit.MILLISECONDS);
        int oneBefore = one.scrapes();
        int twoBefore = two.scrapes();

        List<String> events;
        try {
            events = Flux.merge(viewer(), viewer(), viewer())
                    .take(Duration.ofSeconds(5))
                    .collectList()
                    .block(Duration.ofSeconds(15));
        } finally {
            reads.shutdownNow();
        }

        // one scrape a second for all three (about 5 in 5 s); one per viewer would be 15
        assertThat(one.scrapes() - oneBefore).isBetween(3, 8);
        assertThat(two.scrapes() - twoBefore).isBetween(3, 8);
        assertThat(events).hasSizeGreaterThanOrEqualTo(9);
        assertThat(events)
                .anySatisfy(event -> assertThat(requestsPerSecond(event, "content-service-1"))
                        .isPositive())
                .anySatisfy(event -> assertThat(requestsPerSecond(event, "content-service-2"))
                        .isPositive())
                .allSatisfy(event -> {
                    assertThat(JsonPath.<List<String>>read(event, "$.instances[*].name"))
                            .containsExactly("gateway-7", "content-service-1", "content-service-2");
                    assertThat(JsonPath.<List<String>>read(event, "$.breakers[*].name"))
                            .contains("content-service");
                });
    }

    private Flux<String> viewer() {
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/dashboard/feed")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
    }

    /** An instance's requests per second in one event, 0 when it has none yet. */
    private static double requestsPerSecond(String event, String instance) {
        Object rate = JsonPath.read(event, "$.services[0].requestsPerSecond['" + instance + "']");
        return rate instanceof Number number ? number.doubleValue() : 0;
    }

    private static int scrapes() {
        return one.scrapes() + two.scrapes();
    }
}
