package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.RealInfrastructure;
import io.learnscale.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the edge does to every request and response: bodies over {@code max-request-body} are a 413 problem,
 * every response carries the security headers, each service's OpenAPI document is fetched through the gateway,
 * and Swagger UI, served from webjars, lists them all. One real HTTP server per service stands in for it.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-12",
            "learnscale.gateway.max-request-body=64KB"
        })
@AutoConfigureWebTestClient
@RealInfrastructure
@DirtiesContext
class EdgeIntegrationTests {

    private static final int LIMIT = 64 * 1024;
    private static final String AUTHOR = "Bearer " + TestTokens.valid("edge-author", "author");

    @RegisterExtension
    static final TestUpstream content = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream quiz = TestUpstream.start("quiz-service-1");

    @RegisterExtension
    static final TestUpstream search = TestUpstream.start("search-service-1");

    static final Map<String, TestUpstream> services =
            Map.of("content-service", content, "quiz-service", quiz, "search-service", search);

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(
            Entry.of("content-service", content), Entry.of("quiz-service", quiz), Entry.of("search-service", search)));

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
    void everyServiceIsReady() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    @Test
    void aBodyOverTheLimitIsRefusedByItsLengthBeforeItIsRead() {
        String body = http.post()
                .uri("/api/topics/too-large")
                .header(HttpHeaders.AUTHORIZATION, AUTHOR)
                .header("X-Request-Id", "too-large-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json(LIMIT + 1))
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:payload-too-large");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(413);
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("64 KB");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("too-large-1");
        assertThat(content.received("/api/topics/too-large")).isEmpty();
    }

    /** The refused body is never read: the gateway closes the connection rather than leave it to the next request. */
    @Test
    void theNextRequestIsAnsweredAfterABodyRefusedByItsLength() throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> refused = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/topics/too-large"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header(HttpHeaders.AUTHORIZATION, AUTHOR)
                                .PUT(HttpRequest.BodyPublishers.ofString(json(4 * LIMIT)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(413);
                assertThat(refused.headers().firstValue("Connection")).hasValue("close");
                HttpResponse<String> next = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/topics/after-" + i))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(next.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhenItCrossesIt() throws Exception {
        HttpResponse<String> response = sendChunked("/api/topics/too-large-chunked", json(LIMIT + 4096));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.<String>read(response.body(), "$.type"))
                .isEqualTo("urn:learnscale:problem:payload-too-large");
        assertThat(JsonPath.<String>read(response.body(), "$.requestId")).isNotBlank();
    }

    @Test
    void bodiesUpToTheLimitPassWhole() throws Exception {
        String exact = json(LIMIT);
        http.post()
                .uri("/api/topics/at-the-limit")
                .header(HttpHeaders.AUTHORIZATION, AUTHOR)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(exact)
                .exchange()
                .expectStatus()
                .isOk();
        HttpResponse<String> chunked = sendChunked("/api/topics/at-the-limit-chunked", exact);

        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(content.received("/api/topics/at-the-limit").orElseThrow().body())
                .isEqualTo(exact);
        assertThat(content.received("/api/topics/at-the-limit-chunked")
                        .orElseThrow()
                        .body())
                .isEqualTo(exact);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/topics/with-headers", "/api/nothing-here", "/swagger-ui/index.html"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        HttpHeaders headers =
                http.get().uri(path).exchange().returnResult(String.class).getResponseHeaders();

        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.getFirst("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-eval", "script-src 'self' 'unsafe-inline'");
        assertThat(headers.get("X-Frame-Options")).hasSize(1);
        // plain HTTP here: no HSTS unless learnscale.gateway.headers.strict-transport-security is set
        assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"content-service", "quiz-service", "search-service"})
    void eachServicesOpenApiDocumentIsFetchedThroughTheGateway(String service) {
        TestUpstream upstream = services.get(service);
        upstream.forget();

        http.get()
                .uri("/v3/api-docs/" + service)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Served-By", upstream.servedBy())
                .expectBody(String.class)
                .isEqualTo("{\"path\":\"/v3/api-docs\"}");

        assertThat(upstream.allReceived())
                .singleElement()
                .satisfies(received -> assertThat(received.pathAndQuery()).isEqualTo("/v3/api-docs"));
    }

    @Test
    void swaggerUiIsServedFromWebjarsAndListsEveryService() {
        String location = http.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.LOCATION);
        assertThat(location).isEqualTo("/swagger-ui/index.html");

        String page = http.get()
                .uri(location)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("swagger-ui-bundle.js", "swagger-initializer.js")
                .doesNotContain("https://");

        http.get()
                .uri("/swagger-ui/swagger-ui-bundle.js")
                .exchange()
                .expectStatus()
                .isOk();
        String initializer = http.get()
                .uri("/swagger-ui/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String configUrl = initializer.replaceAll("(?s).*\"configUrl\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(configUrl).startsWith("/");

        String config = http.get()
                .uri(configUrl)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(JsonPath.<List<String>>read(config, "$.urls[*].url"))
                .containsExactlyInAnyOrder(
                        "/v3/api-docs/content-service", "/v3/api-docs/quiz-service", "/v3/api-docs/search-service");
    }

    private HttpResponse<String> sendChunked(String path, String body) throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header(HttpHeaders.AUTHORIZATION, AUTHOR)
                    // no length known up front: sent chunked
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A JSON document of exactly this many bytes. */
    private static String json(int bytes) {
        char[] filler = new char[bytes - "{\"text\":\"\"}".length()];
        Arrays.fill(filler, 'x');
        return "{\"text\":\"" + new String(filler) + "\"}";
    }
}
