package io.learnscale.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/** The OpenAPI document on the public port, which the gateway serves to Swagger UI, lists every operation. */
@SearchServiceTest
class OpenApiTests {

    @LocalServerPort
    int port;

    @Test
    void everyOperationIsDescribed() {
        ResponseEntity<String> response = new TestHttp(port).get("/v3/api-docs");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String doc = response.getBody();

        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths"))
                .containsOnlyKeys(
                        "/api/search",
                        "/api/analytics/quizzes/{id}",
                        "/api/analytics/leaderboard",
                        "/api/analytics/users/{user}",
                        "/api/admin/analytics/rebuild");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/admin/analytics/rebuild']"))
                .containsOnlyKeys("get", "post");
        assertThat(JsonPath.<String>read(doc, "$.info.title")).isEqualTo("learnscale search-service");
    }
}
