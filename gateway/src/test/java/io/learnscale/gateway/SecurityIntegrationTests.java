package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.RealInfrastructure;
import io.learnscale.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
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
 * Who may call what through the gateway (DESIGN: Public API, Security): every operation of the public API, and a
 * few the API does not have, by every kind of caller (anonymous, user, author, admin, and with an expired, forged
 * or unsigned token), against the status the rules promise; a refused request never reaches a service. One real
 * HTTP server per service stands in for it and says 200 to whatever it gets. The demo token endpoint is off here
 * (the default outside the demo profiles).
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "learnscale.instance-id=gateway-13"})
@AutoConfigureWebTestClient
@RealInfrastructure
@DirtiesContext
class SecurityIntegrationTests {

    /** The subjects of the callers with valid tokens; the user's own analytics are at /api/analytics/users/ada. */
    static final String USER = "ada";

    static final String AUTHOR = "bea";
    static final String ADMIN = "root";

    /** Who calls, and the Authorization header they send (none for anonymous). */
    enum Caller {
        ANONYMOUS(null),
        USER(TestTokens.valid(SecurityIntegrationTests.USER, "user")),
        AUTHOR(TestTokens.valid(SecurityIntegrationTests.AUTHOR, "author")),
        ADMIN(TestTokens.valid(SecurityIntegrationTests.ADMIN, "admin")),
        EXPIRED(TestTokens.expired(SecurityIntegrationTests.AUTHOR, "author", "admin")),
        FORGED(TestTokens.forged(SecurityIntegrationTests.ADMIN, "admin")),
        UNSIGNED(TestTokens.unsigned(SecurityIntegrationTests.ADMIN));

        final String token;

        Caller(String token) {
            this.token = token;
        }
    }

    @RegisterExtension
    static final TestUpstream content = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream quiz = TestUpstream.start("quiz-service-1");

    @RegisterExtension
    static final TestUpstream search = TestUpstream.start("search-service-1");

    static final Map<String, TestUpstream> services =
            Map.of("content-service", content, "quiz-service", quiz, "search-service", search);
    static final AtomicInteger requests = new AtomicInteger();

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(
            Entry.of("content-service", content), Entry.of("quiz-service", quiz), Entry.of("search-service", search)));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int port;

    @BeforeEach
    void everyServiceIsReady() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    /**
     * The whole table: the status each caller gets. An expired, forged or unsigned token is a 401 everywhere, public
     * reads included; 200 means the request reached the service, anything else that it did not.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // method, path,                            anonymous, user, author, admin
        "GET,    /api/sections,                         200, 200, 200, 200",
        "GET,    /api/topics?section=scaling&page=0,    200, 200, 200, 200",
        "GET,    /api/topics/horizontal-scaling,        200, 200, 200, 200",
        "HEAD,   /api/topics/horizontal-scaling,        200, 200, 200, 200",
        "POST,   /api/topics,                           401, 403, 200, 200",
        "PUT,    /api/topics/horizontal-scaling,        401, 403, 200, 200",
        "PATCH,  /api/topics/horizontal-scaling,        401, 403, 200, 200",
        "DELETE, /api/topics/horizontal-scaling,        401, 403, 200, 200",
        "GET,    /api/quizzes?section=scaling,          200, 200, 200, 200",
        "GET,    /api/quizzes/q-7,                      200, 200, 200, 200",
        "POST,   /api/quizzes,                          401, 403, 200, 200",
        "PUT,    /api/quizzes/q-7,                      401, 403, 200, 200",
        "DELETE, /api/quizzes/q-7,                      401, 403, 200, 200",
        "POST,   /api/quizzes/q-7/attempts,             401, 200, 200, 200",
        "GET,    /api/search?q=cache&limit=5,           200, 200, 200, 200",
        "GET,    /api/analytics/quizzes/q-7,            200, 200, 200, 200",
        "GET,    /api/analytics/leaderboard?limit=3,    200, 200, 200, 200",
        "GET,    /api/analytics/users/ada,              401, 200, 403, 200",
        "GET,    /api/analytics/users/bea,              401, 403, 200, 200",
        "GET,    /api/analytics/users,                  401, 403, 403, 200",
        "POST,   /api/admin/analytics/rebuild,          401, 403, 403, 200",
        "GET,    /api/admin/analytics,                  401, 403, 403, 200",
        "GET,    /v3/api-docs/quiz-service,             200, 200, 200, 200",
        // writes the API does not have: refused here, whoever asks
        "POST,   /api/sections,                         401, 403, 403, 403",
        "PATCH,  /api/quizzes/q-7,                      401, 403, 403, 403",
        "POST,   /api/quizzes/q-7,                      401, 403, 403, 403",
        "POST,   /api/quizzes/q-7/attempts/extra,       401, 403, 403, 403",
        "DELETE, /api/search,                           401, 403, 403, 403",
        "PUT,    /api/analytics/users/ada,              401, 403, 403, 403"
    })
    void everyCallerGetsWhatTheRulesSay(
            String method, String pathAndQuery, int anonymous, int user, int author, int admin) {
        Map<Caller, Integer> expected = Map.of(
                Caller.ANONYMOUS, anonymous,
                Caller.USER, user,
                Caller.AUTHOR, author,
                Caller.ADMIN, admin,
                Caller.EXPIRED, 401,
                Caller.FORGED, 401,
                Caller.UNSIGNED, 401);
        SoftAssertions softly = new SoftAssertions();
        for (Caller caller : Caller.values()) {
            String requestId = "matrix-" + requests.incrementAndGet();
            int status = send(HttpMethod.valueOf(method), pathAndQuery, caller, requestId);
            int wanted = expected.get(caller);
            softly.assertThat(status)
                    .as("%s %s as %s", method, pathAndQuery, caller)
                    .isEqualTo(wanted);
            softly.assertThat(reachedAService(requestId))
                    .as("%s %s as %s reached a service", method, pathAndQuery, caller)
                    .isEqualTo(wanted == 200);
        }
        softly.assertAll();
    }

    @Test
    void aWriteWithoutATokenIsAnUnauthorizedProblemWithABearerChallenge() {
        EntityExchangeResult<String> result = http.post()
                .uri("/api/topics")
                .header("X-Request-Id", "no-token-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"slug\":\"x\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody(String.class)
                .returnResult();

        String body = result.getResponseBody();
        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:unauthorized");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(401);
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("Authorization: Bearer");
        assertThat(JsonPath.<String>read(body, "$.instance")).isEqualTo("/api/topics");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("no-token-1");
        assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly("no-token-1");
        assertThat(result.getResponseHeaders().getFirst("X-Content-Type-Options"))
                .isEqualTo("nosniff");
    }

    @Test
    void anExpiredTokenIsUnauthorizedEvenOnAPublicRead() {
        String body = http.get()
                .uri("/api/topics/expired-token")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.expired(USER, "user"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .startsWith("Bearer error=\"invalid_token\"")
                                .contains("error_description=\"", "expired"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:unauthorized");
        assertThat(JsonPath.<String>read(body, "$.detail")).isEqualTo("The token is invalid or expired.");
        assertThat(content.received("/api/topics/expired-token")).isEmpty();
    }

    @Test
    void aMalformedBearerTokenIsUnauthorized() {
        http.get()
                .uri("/api/topics/garbage-token")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(content.received("/api/topics/garbage-token")).isEmpty();
    }

    @Test
    void aRoleThatDoesNotAllowTheWriteIsAForbiddenProblem() {
        String body = http.delete()
                .uri("/api/topics/not-yours")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(USER, "user"))
                .header("X-Request-Id", "forbidden-1")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:forbidden");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(403);
        assertThat(JsonPath.<String>read(body, "$.detail")).isEqualTo("Your roles do not allow this.");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("forbidden-1");
        assertThat(content.received("/api/topics/not-yours")).isEmpty();
    }

    @Test
    void aRoleTheApiDoesNotKnowGrantsNothing() {
        http.post()
                .uri("/api/topics")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("eve", "superuser", "root"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theTokenIsRelayedToTheServiceUnchanged() {
        String token = TestTokens.valid(AUTHOR, "author");

        http.put()
                .uri("/api/topics/relayed")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Relayed\"}")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(content.received("/api/topics/relayed")).hasValueSatisfying(received -> {
            assertThat(received.authorization()).isEqualTo("Bearer " + token);
            assertThat(received.body()).isEqualTo("{\"title\":\"Relayed\"}");
        });
    }

    @Test
    void theTokenEndpointIsANotFoundProblemWhenOff() {
        String body = http.post()
                .uri("/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"ada\",\"roles\":[\"admin\"]}")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:not-found");
    }

    @Test
    void swaggerUiAndTheApiDocumentsArePublic() {
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs/gateway").exchange().expectStatus().isOk();
    }

    @Test
    void withoutConfiguredOriginsThereAreNoCorsHeaders() {
        http.options()
                .uri("/api/topics")
                .header(HttpHeaders.ORIGIN, "https://learn.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.get()
                .uri("/api/topics/cors-off")
                .header(HttpHeaders.ORIGIN, "https://learn.example.org")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/api/topics/%2e%2e/admin", "/api/topics/..%2Fadmin", "/api/topics//x", "/api/topics/a;b=c"})
    void aPathTheFirewallRefusesIsABadRequestProblem(String path) throws Exception {
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(ADMIN, "admin"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("urn:learnscale:problem:bad-request");
        assertThat(JsonPath.<String>read(response.body(), "$.requestId")).isNotBlank();
        assertThat(content.allReceived())
                .noneMatch(received -> received.pathAndQuery().contains("admin")
                        || received.pathAndQuery().contains(";"));
    }

    @Test
    void theManagementPortNeedsNoToken() {
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private int send(HttpMethod method, String pathAndQuery, Caller caller, String requestId) {
        WebTestClient.RequestBodySpec request =
                http.method(method).uri(pathAndQuery).header("X-Request-Id", requestId);
        if (caller.token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.token);
        }
        if (method == HttpMethod.HEAD) {
            // not kept alive: after a routed HEAD, the gateway may not read the next request on the same
            // connection (seen before this class existed too; see the report of the gateway's security work)
            request.header(HttpHeaders.CONNECTION, "close");
        }
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":\"" + UUID.randomUUID() + "\"}");
        }
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        int status = result.getStatus().value();
        if (status == 401 || status == 403) {
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return status;
    }

    private static boolean reachedAService(String requestId) {
        List<TestUpstream> all = new ArrayList<>(services.values());
        return all.stream().anyMatch(upstream -> upstream.reached(requestId));
    }
}
