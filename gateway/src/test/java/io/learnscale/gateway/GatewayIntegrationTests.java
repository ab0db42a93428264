package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.gateway.TestUpstream.Received;
import io.learnscale.testsupport.RealInfrastructure;
import io.learnscale.testsupport.TestTokens;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of a real HTTP server standing in for the services, found through an instances file as the
 * launcher writes it; quiz-service's one instance passes its readiness probe but refuses connections, standing
 * in for an instance that just died.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-7",
            "resilience4j.timelimiter.configs.default.timeout-duration=2s",
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=1000"
        })
@AutoConfigureWebTestClient
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class GatewayIntegrationTests {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String LOGGED_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @RegisterExtension
    static final TestUpstream upstream = TestUpstream.start();

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(
            Entry.of("content-service", upstream),
            new Entry("search-service", "search-service-1", upstream.url(), upstream.managementUrl()),
            new Entry("quiz-service", "quiz-service-1", TestUpstream.closedAddress(), upstream.managementUrl())));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    ObservationRegistry observations;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void everyServiceHasAReadyInstance() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    @Test
    void routesToTheServiceWithARequestId() {
        EntityExchangeResult<String> result = http.get()
                .uri("/api/topics/horizontal-scaling")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        Received received = upstream.received("/api/topics/horizontal-scaling").orElseThrow();
        assertThat(received.requestId()).matches(UUID_PATTERN);
        assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly(received.requestId());
        assertThat(result.getResponseHeaders().getFirst("X-Served-By")).isEqualTo(TestUpstream.SERVED_BY);
        assertThat(result.getResponseBody()).isEqualTo("{\"path\":\"/api/topics/horizontal-scaling\"}");
    }

    @Test
    void anAnswerOfKnownLengthArrivesWholeWithItsLengthSmallOrLarge() {
        // a small one is gathered and sent in one write (web/WholeResponses), a large one streams; both arrive intact
        for (String path : List.of("/api/topics/small", "/api/topics/large")) {
            EntityExchangeResult<byte[]> result = http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult();
            String expected = path.endsWith("large") ? TestUpstream.LARGE_BODY : "{\"path\":\"" + path + "\"}";
            assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                    .as(path)
                    .isEqualTo(expected);
            assertThat(result.getResponseHeaders().getContentLength()).as(path).isEqualTo(expected.length());
        }
    }

    @Test
    void anAnswerOfUnsaidLengthStillStreamsThrough() {
        EntityExchangeResult<byte[]> result = http.get()
                .uri("/api/topics/streamed")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();

        assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                .isEqualTo(TestUpstream.STREAMED_BODY);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING))
                .isEqualTo("chunked");
    }

    @Test
    void passesTheCallersRequestIdThrough() {
        http.get()
                .uri("/api/topics/vertical-scaling")
                .header("X-Request-Id", "trace-me:42")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valuesMatch("X-Request-Id", "trace-me:42");

        assertThat(upstream.received("/api/topics/vertical-scaling")
                        .orElseThrow()
                        .requestId())
                .isEqualTo("trace-me:42");
    }

    @Test
    void continuesTheCallersTraceDownstream() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        http.get()
                .uri("/api/topics/horizontal-scaling?traced")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isOk();

        // same trace, the gateway's own span as the parent: the service's spans hang under the gateway's
        assertThat(upstream.received("/api/topics/horizontal-scaling?traced")
                        .orElseThrow()
                        .traceParent())
                .startsWith("00-" + traceId + "-")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsATraceForACallerWithout() {
        http.get()
                .uri("/api/topics/horizontal-scaling?untraced")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(upstream.received("/api/topics/horizontal-scaling?untraced")
                        .orElseThrow()
                        .traceParent())
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void replacesARequestIdThatIsNotPlain() {
        String response = http.get()
                .uri("/api/topics/hybrid-approach")
                .header("X-Request-Id", "<script>alert(1)</script>")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");

        assertThat(response).matches(UUID_PATTERN);
        assertThat(upstream.received("/api/topics/hybrid-approach")
                        .orElseThrow()
                        .requestId())
                .isEqualTo(response);
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/topics",
        "GET, /api/topics?section=scaling-techniques&page=1",
        "GET, /api/sections",
        "GET, /api/sections/scaling-techniques",
        "GET, /api/search?q=cache",
        "GET, /api/analytics/leaderboard?limit=3",
        "POST, /api/admin/analytics/rebuild"
    })
    void routesEachPublicPathToItsService(String method, String pathAndQuery) {
        http.method(HttpMethod.valueOf(method))
                .uri(pathAndQuery)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("root", "admin"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Served-By", TestUpstream.SERVED_BY);

        assertThat(upstream.received(pathAndQuery))
                .hasValueSatisfying(received -> assertThat(received.method()).isEqualTo(method));
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        EntityExchangeResult<String> result = http.get()
                .uri("/api/nothing-here")
                .header("X-Request-Id", "lost-1")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult();

        String body = result.getResponseBody();
        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:not-found");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(404);
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("/api/nothing-here");
        assertThat(JsonPath.<String>read(body, "$.instance")).isEqualTo("/api/nothing-here");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("lost-1");
        assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly("lost-1");
    }

    @Test
    void aPathOutsideTheApiIsANotFoundProblem() {
        String body = http.get()
                .uri("/no-such-page") // "/" leads to the dashboard
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:not-found");
        assertThat(JsonPath.<String>read(body, "$.requestId")).matches(UUID_PATTERN);
    }

    @Test
    void aMethodTheApiDoesNotSpeakIsAMethodNotAllowedProblem() {
        String body = http.method(HttpMethod.TRACE)
                .uri("/api/topics")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value("Allow", allow -> assertThat(allow).contains("GET", "POST"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:method-not-allowed");
        assertThat(JsonPath.<String>read(body, "$.requestId")).matches(UUID_PATTERN);
        assertThat(upstream.allReceived())
                .noneMatch(received -> received.method().equals("TRACE"));
    }

    @Test
    void aPathThatIsNotUtf8IsABadRequestProblemThatNeverReachesAService() {
        String body = http.get()
                .uri(java.net.URI.create("http://localhost:" + port + "/api/topics/%ED%A0%80")) // sent as it is
                .exchange()
                .expectStatus()
                .isEqualTo(400)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:bad-request");
        assertThat(JsonPath.<String>read(body, "$.requestId")).matches(UUID_PATTERN);
        assertThat(upstream.allReceived())
                .noneMatch(received -> received.pathAndQuery().contains("%ED%A0%80"));
    }

    @Test
    void aServiceThatIsDownIsAnUnavailableProblemWithRetryAfter() {
        String body = http.get()
                .uri("/api/quizzes/7")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:unavailable");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(503);
        assertThat(JsonPath.<String>read(body, "$.requestId")).matches(UUID_PATTERN);
        assertThat(body).doesNotContain("Exception", "127.0.0.1");
    }

    @Test
    void aServiceThatHangsUpWithoutAnAnswerIsABadGatewayProblem() {
        String body = http.get()
                .uri("/api/topics/hangup")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:bad-gateway");
        assertThat(JsonPath.<String>read(body, "$.requestId")).matches(UUID_PATTERN);
    }

    @Test
    void aServiceThatAnswersTooSlowlyIsATimeoutProblem() {
        try {
            String body = http.get()
                    .uri("/api/search/slow")
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
            assertThat(JsonPath.<String>read(body, "$.requestId")).matches(UUID_PATTERN);
        } finally {
            upstream.releaseSlowResponses();
        }
    }

    @Test
    void aProblemFromAServicePassesThroughUnchanged() {
        http.get()
                .uri("/api/topics/broken")
                .header("X-Request-Id", "from-the-service")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Retry-After", "7")
                .expectHeader()
                .valueEquals("X-Served-By", TestUpstream.SERVED_BY)
                .expectHeader()
                .valuesMatch("X-Request-Id", "from-the-service")
                .expectBody(String.class)
                .isEqualTo(TestUpstream.BROKEN_BODY);
    }

    @Test
    void actuatorIsNotServedOnThePublicPort() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void readinessAndLivenessAreUpOnTheManagementPort() {
        WebTestClient management = management();
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void metricsCarryTheInstanceTag() {
        String metrics = management()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(metrics).contains("instance=\"gateway-7\"");
    }

    @Test
    void theRoutesAreReadableOnTheManagementPort() {
        management()
                .get()
                .uri("/actuator/gateway/routes")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].route_id")
                .value(ids -> assertThat(ids.toString()).contains("content-service", "quiz-service", "search-service"));
    }

    @Test
    void theInstancesAndTheirReadinessAreReadableOnTheManagementPort() {
        management()
                .get()
                .uri("/actuator/instances")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.source")
                .isEqualTo("file " + instances.path())
                .jsonPath("$.services['content-service'][0].id")
                .isEqualTo(TestUpstream.SERVED_BY)
                .jsonPath("$.services['content-service'][0].url")
                .isEqualTo(upstream.url())
                .jsonPath("$.services['content-service'][0].managementUrl")
                .isEqualTo(upstream.managementUrl())
                .jsonPath("$.services['content-service'][0].ready")
                .isEqualTo(true)
                .jsonPath("$.services['content-service'][0].state")
                .isEqualTo("UP");
    }

    @Test
    void theInstancesAreNotServedOnThePublicPort() {
        http.get().uri("/actuator/instances").exchange().expectStatus().isNotFound();
    }

    @Test
    void writesOneAccessLogLinePerRequest(CapturedOutput output) {
        http.get()
                .uri("/api/sections/logged")
                .header("X-Request-Id", "log-me-1")
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsOnlyOnce("GET /api/sections/logged status=200 latency=")
                        .contains("route=content-service upstream=content-service-3")
                        .contains("[gateway-7] [log-me-1]"));
    }

    @Test
    void aRequestIsObservedButItsSecurityFiltersAreNot() {
        // a decorator observing each security filter of each request cost the gateway several percent of its CPU
        // even with those observations switched off: none is created at all
        Queue<String> asked = new ConcurrentLinkedQueue<>();
        observations.observationConfig().observationPredicate((name, context) -> asked.add(name));

        http.get()
                .uri("/api/analytics/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("root", "admin"))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(asked).contains("http.server.requests", "http.client.requests");
        assertThat(asked).noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void everyLogLineOfARequestCarriesItsId(CapturedOutput output) {
        // the gateway's event loops keep no MDC (context propagation limited): these lines set the ids themselves
        http.get()
                .uri("/api/quizzes/logged")
                .header("X-Request-Id", "log-me-2")
                .header("traceparent", "00-" + LOGGED_TRACE + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isEqualTo(503);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("WARN \\[gateway-7\\] \\[log-me-2\\].*\\[" + LOGGED_TRACE
                                + "\\].*Upstream of route quiz-service is unreachable")
                        .containsPattern("INFO \\[gateway-7\\] \\[log-me-2\\].*\\[" + LOGGED_TRACE
                                + "\\].*GET /api/quizzes/logged status=503")
                        // no X-Served-By came back: the instance the balancer chose
                        .containsPattern("GET /api/quizzes/logged status=503 latency=\\d+ms route=quiz-service "
                                + "upstream=quiz-service-1"));
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build();
    }
}
