package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** content-service on real infrastructure: seeded data, instance tagging, health groups and metrics. */
@ContentServiceTest
class ContentServiceIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private Api api() {
        return new Api(port);
    }

    @Test
    void servesTheSeededTopicsFromPostgres() {
        ResponseEntity<String> response = api().get("/api/topics?section=scaling-techniques");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("content-service-7");
        List<String> slugs = JsonPath.read(response.getBody(), "$.content[*].slug");
        assertThat(slugs).containsExactly("horizontal-scaling", "vertical-scaling", "hybrid-approach");
    }

    @Test
    void filtersByTag() {
        String body = api().get("/api/topics?tag=connection-pooling").getBody();
        List<String> slugs = JsonPath.read(body, "$.content[*].slug");
        assertThat(slugs).containsExactly("vertical-scaling");
    }

    @Test
    void servesOneTopicWithItsMarkdownBody() {
        String body = api().get("/api/topics/horizontal-scaling").getBody();
        assertThat(JsonPath.<String>read(body, "$.body")).contains("* **Load Balancing**");
        assertThat(JsonPath.<String>read(body, "$.title")).isEqualTo("Horizontal Scaling (Scale Out)");
        assertThat(JsonPath.<String>read(body, "$.section")).isEqualTo("scaling-techniques");
    }

    @Test
    void aMissingTopicIsAProblem() {
        ResponseEntity<String> response = api().http
                .get()
                .uri(api().url("/api/topics/no-such-topic"))
                .header("X-Request-Id", "trace-me")
                .retrieve()
                .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(response.getBody(), "$.requestId")).isEqualTo("trace-me");
        assertThat(JsonPath.<String>read(response.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:topic-not-found");
    }

    @Test
    void readinessLeavesSharedDependenciesToTheDependenciesGroup() {
        String management = "http://127.0.0.1:" + managementPort + "/actuator";
        String readiness = api().http
                .get()
                .uri(management + "/health/readiness")
                .retrieve()
                .body(String.class);
        assertThat(readiness).contains("\"UP\"").doesNotContain("redis").doesNotContain("\"db\"");
        assertThat(api().http
                        .get()
                        .uri(management + "/health/liveness")
                        .retrieve()
                        .body(String.class))
                .contains("\"UP\"");
        String dependencies = api().http
                .get()
                .uri(management + "/health/dependencies")
                .retrieve()
                .body(String.class);
        Map<String, Object> components = JsonPath.read(dependencies, "$.components");
        assertThat(components).containsKeys("db", "redis");
    }

    @Test
    void metricsShowTheCacheThePoolAndTheBreakerOnTheManagementPort() {
        api().get("/api/topics/vertical-scaling");
        api().get("/api/topics/vertical-scaling");
        String prometheus = api().http
                .get()
                .uri("http://127.0.0.1:" + managementPort + "/actuator/prometheus")
                .retrieve()
                .body(String.class);
        assertThat(prometheus)
                .contains("instance=\"content-service-7\"")
                .contains("cache_gets_total{cache=\"topic\"")
                .contains("hikaricp_connections_active")
                .contains("resilience4j_circuitbreaker_state{")
                .contains("name=\"redis\"");
        ResponseEntity<String> notPublic = api().get("/actuator/health");
        assertThat(notPublic.getStatusCode().value()).isEqualTo(404);
    }
}
