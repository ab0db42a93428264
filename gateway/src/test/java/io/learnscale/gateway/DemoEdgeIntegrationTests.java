package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.RealInfrastructure;
import io.learnscale.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The edge as the {@code local} demo profile sets it up, with the tests' key instead of the demo one: the token
 * endpoint is on (a token it issues works on a write, and is refused where its roles do not reach), and CORS is
 * allowed for one configured origin and no other.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-14",
            "learnscale.jwt.secret=" + TestTokens.SECRET,
            "learnscale.security.token-endpoint.ttl=10m",
            "learnscale.security.cors.allowed-origins=https://learn.example.org, https://other.example.org"
        })
@ActiveProfiles("local")
@AutoConfigureWebTestClient
@RealInfrastructure
@DirtiesContext
class DemoEdgeIntegrationTests {

    static final String ORIGIN = "https://learn.example.org";

    @RegisterExtension
    static final TestUpstream content = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(Entry.of("content-service", content)));

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
    void contentServiceIsReady() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    @Test
    void issuesAShortLivedTokenForTheUserAndRoles() {
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> response = token("{\"user\":\"ada\",\"roles\":[\"author\",\"user\"]}");

        assertThat(response).containsEntry("expiresIn", 600).containsOnlyKeys("token", "expiresIn");
        Jwt jwt = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build()
                .decode((String) response.get("token"));
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
        assertThat(jwt.getSubject()).isEqualTo("ada");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("author", "user");
        assertThat(jwt.getIssuedAt()).isAfter(before);
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theTokenResponseIsNeverCached() {
        http.post()
                .uri("/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"ada\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(CacheControl.noStore());
    }

    @Test
    void anIssuedAuthorTokenWorksOnAWrite() {
        String token =
                (String) token("{\"user\":\"bea\",\"roles\":[\"author\"]}").get("token");

        http.post()
                .uri("/api/topics")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", "minted-write-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"slug\":\"minted\"}")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(content.reached("minted-write-1")).isTrue();
    }

    @Test
    void withoutRolesATokenIsAPlainUsersAndCannotWriteTopics() {
        Map<String, Object> response = token("{\"user\":\"cy\"}");

        http.post()
                .uri("/api/topics")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + response.get("token"))
                .header("X-Request-Id", "minted-write-2")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"slug\":\"not-mine\"}")
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(content.reached("minted-write-2")).isFalse();
    }

    @Test
    void anInvalidUserOrRoleIsABadRequestProblemWithFieldErrors() {
        String body = http.post()
                .uri("/auth/token")
                .header("X-Request-Id", "bad-token-request")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"Ada Lovelace!\",\"roles\":[\"author\",\"root\"]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:invalid-request");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(400);
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo("bad-token-request");
        assertThat(JsonPath.<List<String>>read(body, "$.errors[*].field")).containsExactly("user", "roles[1]");
        assertThat(JsonPath.<List<String>>read(body, "$.errors[*].message"))
                .allSatisfy(message -> assertThat(message).isNotBlank());
    }

    @Test
    void aMissingUserIsABadRequestProblem() {
        String body = http.post()
                .uri("/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"roles\":[\"admin\"]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JsonPath.<List<String>>read(body, "$.errors[*].field")).containsExactly("user");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequestProblem() {
        http.post()
                .uri("/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithoutAToken() {
        http.options()
                .uri("/api/topics")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key")
                .header("X-Request-Id", "preflight-1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("POST"))
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase())
                                .contains("authorization", "content-type", "idempotency-key"))
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);

        assertThat(content.reached("preflight-1")).isFalse();
    }

    @Test
    void anAllowedOriginGetsTheCorsHeadersOnTheResponse() {
        http.get()
                .uri("/api/topics/cors-allowed")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed)
                                .contains("X-Request-Id", "ETag", "Retry-After", "X-RateLimit-Remaining"));
    }

    @Test
    void anAllowedOriginGetsTheCorsHeadersOnAnErrorToo() {
        http.post()
                .uri("/api/topics")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN);
    }

    @Test
    void anotherOriginGetsNoCorsHeadersAndAForbiddenProblem() {
        http.options()
                .uri("/api/topics")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.get()
                .uri("/api/topics/cors-refused")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header("X-Request-Id", "cors-refused-1")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        assertThat(content.reached("cors-refused-1")).isFalse();
    }

    @Test
    void aSameOriginRequestIsNotACorsRequest() {
        http.get()
                .uri("/api/topics/same-origin")
                .header(HttpHeaders.ORIGIN, "http://localhost:" + port)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    private Map<String, Object> token(String request) {
        return http.post()
                .uri("/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }
}
