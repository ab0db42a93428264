package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.RealInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** content-service against a real PostgreSQL, its schema and seed data from Flyway. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "learnscale.instance-id=content-service-7"})
@RealInfrastructure
class ContentServiceIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final RestClient http = RestClient.builder()
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build();

    @Test
    void servesTheSeededTopicsFromPostgres() {
        ResponseEntity<String> response = http.get()
                .uri("http://127.0.0.1:" + port + "/api/topics?section=scaling-techniques")
                .retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getFirst("X-Served-By")).isEqualTo("content-service-7");
        List<String> slugs = JsonPath.read(response.getBody(), "$.content[*].slug");
        assertThat(slugs).containsExactly("horizontal-scaling", "vertical-scaling", "hybrid-approach");
    }

    @Test
    void filtersByTag() {
        String body = http.get()
                .uri("http://127.0.0.1:" + port + "/api/topics?tag=connection-pooling")
                .retrieve()
                .body(String.class);
        List<String> slugs = JsonPath.read(body, "$.content[*].slug");
        assertThat(slugs).containsExactly("vertical-scaling");
    }

    @Test
    void servesOneTopicWithItsMarkdownBody() {
        String body = http.get()
                .uri("http://127.0.0.1:" + port + "/api/topics/horizontal-scaling")
                .retrieve()
                .body(String.class);
        assertThat(JsonPath.<String>read(body, "$.body")).contains("* **Load Balancing**");
    }

    @Test
    void aMissingTopicIsAProblem() {
        ResponseEntity<String> response = http.get()
                .uri("http://127.0.0.1:" + port + "/api/topics/no-such-topic")
                .header("X-Request-Id", "trace-me")
                .retrieve()
                .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(response.getBody(), "$.requestId")).isEqualTo("trace-me");
    }

    @Test
    void healthGroupsAndMetricsLiveOnTheManagementPort() {
        String management = "http://127.0.0.1:" + managementPort + "/actuator";
        assertThat(http.get().uri(management + "/health/readiness").retrieve().body(String.class))
                .contains("\"UP\"");
        assertThat(http.get().uri(management + "/health/liveness").retrieve().body(String.class))
                .contains("\"UP\"");
        assertThat(http.get()
                        .uri(management + "/health/dependencies")
                        .retrieve()
                        .body(String.class))
                .contains("\"db\"");
        assertThat(http.get().uri(management + "/prometheus").retrieve().body(String.class))
                .contains("instance=\"content-service-7\"");
        ResponseEntity<String> notPublic = http.get()
                .uri("http://127.0.0.1:" + port + "/actuator/health")
                .retrieve()
                .toEntity(String.class);
        assertThat(notPublic.getStatusCode().value()).isEqualTo(404);
    }
}
