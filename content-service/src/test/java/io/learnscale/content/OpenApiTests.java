package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/** The OpenAPI document on the public port describes every operation and the problems each can answer. */
@ContentServiceTest
class OpenApiTests {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @LocalServerPort
    int port;

    @Test
    void everyOperationIsDescribedWithItsProblems() {
        ResponseEntity<String> response = new Api(port).get("/v3/api-docs");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String doc = response.getBody();

        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths"))
                .containsOnlyKeys("/api/topics", "/api/topics/{slug}", "/api/sections");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/topics']"))
                .containsOnlyKeys("get", "post");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/topics/{slug}']"))
                .containsOnlyKeys("get", "put", "patch", "delete");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/sections']"))
                .containsOnlyKeys("get");

        assertProblems(doc, "/api/topics", "get", "400", "500", "503");
        assertProblems(doc, "/api/topics", "post", "400", "409", "415", "500", "503");
        assertProblems(doc, "/api/topics/{slug}", "get", "404", "500", "503");
        assertProblems(doc, "/api/topics/{slug}", "put", "400", "404", "412", "415", "428", "500", "503");
        assertProblems(doc, "/api/topics/{slug}", "patch", "400", "404", "412", "415", "428", "500", "503");
        assertProblems(doc, "/api/topics/{slug}", "delete", "404", "412", "500", "503");
        assertProblems(doc, "/api/sections", "get", "500", "503");

        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/topics'].post.responses"))
                .containsKey("201");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/topics/{slug}'].get.responses"))
                .containsKeys("200", "304");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/topics/{slug}'].delete.responses"))
                .containsKey("204");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.paths['/api/topics/{slug}'].patch.requestBody.content"))
                .containsKey("application/merge-patch+json");
        assertThat(JsonPath.<List<String>>read(doc, "$.paths['/api/topics/{slug}'].put.parameters[*].name"))
                .contains("slug", "If-Match");
        assertThat(JsonPath.<Map<String, Object>>read(doc, "$.components.schemas.Problem.properties"))
                .containsKeys("type", "status", "detail", "requestId", "errors");
    }

    private static void assertProblems(String doc, String path, String method, String... statuses) {
        String responses = "$.paths['" + path + "']." + method + ".responses";
        for (String status : statuses) {
            assertThat(JsonPath.<String>read(
                            doc, responses + "['" + status + "'].content['application/problem+json'].schema.$ref"))
                    .as("%s %s answers %s as problem+json", method, path, status)
                    .isEqualTo(PROBLEM);
        }
    }
}
