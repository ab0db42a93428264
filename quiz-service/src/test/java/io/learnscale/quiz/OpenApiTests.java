package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document on the public port describes every operation and every error it can answer. */
@QuizServiceIntegrationTest
class OpenApiTests {

    @LocalServerPort
    int port;

    @Test
    void everyOperationAndItsErrorsAreDescribed() {
        String doc = new Http(port).get("/v3/api-docs").getBody();

        Map<String, List<String>> expected = Map.of(
                "$.paths['/api/quizzes'].get", List.of("200", "503"),
                "$.paths['/api/quizzes'].post", List.of("201", "400", "409", "415", "422", "503"),
                "$.paths['/api/quizzes/{id}'].get", List.of("200", "404", "503"),
                "$.paths['/api/quizzes/{id}'].put", List.of("200", "400", "404", "415", "422", "503"),
                "$.paths['/api/quizzes/{id}'].delete", List.of("204", "404", "503"),
                "$.paths['/api/quizzes/{id}/attempts'].post", List.of("201", "400", "404", "409", "415", "422", "503"));
        expected.forEach((operation, statuses) -> {
            Map<String, Object> responses = JsonPath.read(doc, operation + ".responses");
            assertThat(responses.keySet()).as(operation).containsExactlyInAnyOrderElementsOf(statuses);
            assertThat(JsonPath.<String>read(doc, operation + ".summary"))
                    .as(operation)
                    .isNotBlank();
            for (String status : statuses) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(JsonPath.<Map<String, Object>>read(
                                    doc, operation + ".responses['" + status + "'].content"))
                            .as("%s %s", operation, status)
                            .containsKey("application/problem+json");
                }
            }
        });
    }

    @Test
    void theIdempotencyKeyHeaderIsDocumented() {
        String doc = new Http(port).get("/v3/api-docs").getBody();

        assertThat(JsonPath.<List<String>>read(
                        doc, "$.paths['/api/quizzes/{id}/attempts'].post.parameters[?(@.in == 'header')].name"))
                .containsExactly("Idempotency-Key");
    }
}
