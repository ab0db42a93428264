package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Least-outstanding balancing ({@code learnscale.gateway.load-balancer=least-outstanding}) over two real HTTP
 * servers standing in for content-service instances, one of them deliberately slow: under the same steady load
 * that round robin splits half and half ({@code LoadBalancingIntegrationTests}), the slow one gets clearly fewer.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-9",
            "learnscale.gateway.load-balancer=least-outstanding"
        })
@AutoConfigureWebTestClient
@RealInfrastructure
@ActiveProfiles("benchmark") // steady load from one address: budgets the load never reaches, as for load tests
@DirtiesContext
class LeastOutstandingIntegrationTests {

    @RegisterExtension
    static final TestUpstream fast = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream slow = TestUpstream.start("content-service-2");

    @RegisterExtension
    static final TestInstances instances =
            TestInstances.of(List.of(Entry.of("content-service", fast), Entry.of("content-service", slow)));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void bothInstancesAreReady() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    @AfterEach
    void noInstanceIsSlow() {
        slow.delay(Duration.ZERO);
    }

    @Test
    void aSlowInstanceGetsClearlyFewerRequests() {
        slow.delay(Duration.ofMillis(200));

        Map<String, Integer> servedBy = TestLoad.servedBy(port, "/api/topics/steady", 40, 6);

        // round robin gives it 20 of these 40; here it holds its requests longer, so it is picked less
        assertThat(servedBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
        assertThat(servedBy.getOrDefault("content-service-2", 0)).isLessThan(10);
    }

    @Test
    void instancesAlikeShareTheRequestsInTurn() {
        List<String> servedBy = Stream.generate(() -> http.get()
                        .uri("/api/topics/one-at-a-time")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getFirst("X-Served-By"))
                .limit(10)
                .toList();

        // one request at a time: nothing is outstanding when the next is picked, so ties go in turn
        assertThat(servedBy.stream().filter("content-service-1"::equals)).hasSize(5);
        assertThat(servedBy.stream().filter("content-service-2"::equals)).hasSize(5);
    }

    @Test
    void theOutstandingRequestsPerInstanceAreAGauge() {
        TestLoad.servedBy(port, "/api/topics/gauged", 4, 2);

        String metrics = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(metrics)
                .containsPattern("gateway_upstream_requests_in_flight\\{[^}]*service=\"content-service\""
                        + "[^}]*upstream=\"content-service-1\"[^}]*} 0\\.0");
    }
}
