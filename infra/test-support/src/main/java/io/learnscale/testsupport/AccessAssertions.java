package io.learnscale.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What a service answers when it refuses a request (DESIGN: Security, Errors): 401 or 403 as problem+json with the
 * stable {@code type}, for the access tests that call a service on its own port.
 */
public final class AccessAssertions {

    private AccessAssertions() {}

    public static void assertUnauthorized(ResponseEntity<String> response) {
        assertProblem(response, 401, "urn:learnscale:problem:unauthorized");
    }

    public static void assertForbidden(ResponseEntity<String> response) {
        assertProblem(response, 403, "urn:learnscale:problem:forbidden");
    }

    private static void assertProblem(ResponseEntity<String> response, int status, String type) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(response.getBody(), "$.type")).isEqualTo(type);
        assertThat(JsonPath.<Integer>read(response.getBody(), "$.status")).isEqualTo(status);
    }
}
