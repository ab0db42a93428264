package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.gateway.TestUpstream.Behaviour;
import io.learnscale.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The circuit breaker and time limiter of each service, with short windows: a breaker opens after failures and
 * then answers 503 problem+json with Retry-After without calling the service, and closes again once the service
 * has recovered; a service too slow is a 504 problem+json. One real HTTP server per service stands in for it.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-11",
            "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.configs.default.failure-rate-threshold=50",
            "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
            "resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=1",
            "resilience4j.timelimiter.instances.search-service.timeout-duration=1500ms"
        })
@AutoConfigureWebTestClient
@RealInfrastructure
@DirtiesContext
class ResilienceIntegrationTests {

    @RegisterExtension
    static final TestUpstream content = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream quiz = TestUpstream.start("quiz-service-1");

    @RegisterExtension
    static final TestUpstream search = TestUpstream.start("search-service-1");

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(
            Entry.of("content-service", content), Entry.of("quiz-service", quiz), Entry.of("search-service", search)));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    CircuitBreakerRegistry breakers;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void everyServiceIsReadyAndEveryCircuitClosed() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @AfterEach
    void upstreamsBehaveAgain() {
        Stream.of(content, quiz, search).forEach(upstream -> {
            upstream.behave(Behaviour.NORMAL);
            upstream.delay(Duration.ZERO);
        });
    }

    @Test
    void aFailingServiceOpensItsCircuitAndItClosesAgainOnceTheServiceRecovers() {
        content.behave(Behaviour.UNAVAILABLE);

        // the service's own 503s are passed through, and counted
        for (int i = 0; i < 4; i++) {
            http.get()
                    .uri("/api/topics/failing")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("X-Served-By", "content-service-1")
                    .expectBody(String.class)
                    .isEqualTo(TestUpstream.BROKEN_BODY);
        }
        int reached = content.allReceived().size();

        EntityExchangeResult<String> refused = http.get()
                .uri("/api/topics/refused")
                .header("X-Request-Id", "circuit-open-1")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .doesNotExist("X-Served-By")
                .expectBody(String.class)
                .returnResult();

        String body = refused.getResponseBody();
        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:unavailable");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(503);
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("/api/topics/refused", "retry later");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("circuit-open-1");
        assertThat(Integer.parseInt(refused.getResponseHeaders().getFirst("Retry-After")))
                .isBetween(1, 2);
        assertThat(content.allReceived()).hasSize(reached);
        assertThat(breakerState("content-service")).isEqualTo("open");

        content.behave(Behaviour.NORMAL);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> http.get()
                                .uri("/api/topics/recovered")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
        http.get().uri("/api/topics/recovered").exchange().expectStatus().isOk();
        assertThat(breakerState("content-service")).isEqualTo("closed");
    }

    @Test
    void anUnreachableServiceOpensItsCircuitToo() {
        instances.write(List.of(
                Entry.of("content-service", content),
                new Entry("quiz-service", "quiz-service-9", TestUpstream.closedAddress(), quiz.managementUrl()),
                Entry.of("search-service", search)));
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TestInstances.readyIds(managementPort, "quiz-service")
                            .equals(java.util.Set.of("quiz-service-9")));

            // refused connections: 503 problems (the only instance, nowhere to retry), counted as failures
            for (int i = 0; i < 4; i++) {
                http.get()
                        .uri("/api/quizzes/unreachable")
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503);
            }

            http.get()
                    .uri("/api/quizzes/unreachable")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .exists("Retry-After")
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).contains("is failing"));
            assertThat(breakerState("quiz-service")).isEqualTo("open");
        } finally {
            instances.write(List.of(
                    Entry.of("content-service", content),
                    Entry.of("quiz-service", quiz),
                    Entry.of("search-service", search)));
        }
    }

    @Test
    void answersTheCallerGotWrongNeverOpenTheCircuit() {
        for (int i = 0; i < 8; i++) {
            http.get().uri("/api/quizzes/missing").exchange().expectStatus().isNotFound();
        }

        assertThat(breakerState("quiz-service")).isEqualTo("closed");
        http.get().uri("/api/quizzes/still-called").exchange().expectStatus().isOk();
    }

    @Test
    void aServiceTooSlowIsATimeoutProblem() {
        search.delay(Duration.ofSeconds(5));

        String body = http.get()
                .uri("/api/search?q=slow")
                .header("X-Request-Id", "too-slow-1")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:timeout");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(504);
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("/api/search", "1500 ms");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("too-slow-1");
    }

    @Test
    void theCircuitsAndTimeLimitersAreExportedToPrometheus() {
        http.get().uri("/api/search?q=metrics").exchange().expectStatus().isOk();

        String metrics = prometheus();

        for (String service : List.of("content-service", "quiz-service", "search-service")) {
            assertThat(metrics)
                    .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"" + service
                            + "\"[^}]*state=\"closed\"[^}]*} 1\\.0");
        }
        // one successful call to search-service in this context (the other one times out): counted once
        assertThat(metrics)
                .containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"successful\"[^}]*"
                        + "name=\"search-service\"[^}]*} 1\\b")
                .containsPattern("resilience4j_timelimiter_calls_total\\{[^}]*kind=\"successful\"[^}]*name=\""
                        + "search-service\"");
    }

    /** The state the breaker of a service reports in Prometheus: closed, open, half_open... */
    private String breakerState(String service) {
        String metrics = prometheus();
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("resilience4j_circuitbreaker_state{")
                    && line.contains("name=\"" + service + "\"")
                    && line.endsWith(" 1.0")) {
                return line.replaceAll(".*state=\"([a-z_]+)\".*", "$1");
            }
        }
        return "unknown";
    }

    private String prometheus() {
        return WebTestClient.bindToServer()
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
    }
}
