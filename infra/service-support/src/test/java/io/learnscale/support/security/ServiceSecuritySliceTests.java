package io.learnscale.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A {@code @WebMvcTest} slice runs the same JWT filter chain as the whole service (service-support lists Spring
 * Boot's security auto-configuration for {@code @AutoConfigureWebMvc}), behind the request id filter as in production.
 */
@WebMvcTest(properties = "learnscale.instance-id=slice-1")
@ContextConfiguration(classes = ServiceSecuritySliceTests.SliceApp.class)
class ServiceSecuritySliceTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void readsArePublic() {
        assertThat(mvc.get().uri("/api/gadgets")).hasStatusOk();
    }

    @Test
    void aWriteWithoutATokenIsA401ProblemWithTheRequestId() {
        assertThat(mvc.post().uri("/api/gadgets").header("X-Request-Id", "slice-request-1"))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("X-Request-Id", "slice-request-1")
                .hasHeader("X-Served-By", "slice-1")
                .containsHeader("WWW-Authenticate")
                .bodyJson()
                .hasPathSatisfying("$.requestId", id -> id.assertThat().isEqualTo("slice-request-1"));
    }

    @Test
    void aWriteWithTheRightRoleRunsAsTheTokensSubject() {
        assertThat(mvc.post()
                        .uri("/api/gadgets")
                        .header("Authorization", "Bearer " + TestTokens.valid("ada", "author")))
                .hasStatusOk()
                .bodyText()
                .isEqualTo("created by ada");
    }

    @Test
    void aWriteWithTheWrongRoleIsA403Problem() {
        assertThat(mvc.post().uri("/api/gadgets").header("Authorization", "Bearer " + TestTokens.valid("bob", "user")))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aForgedTokenIsRefusedOnAPublicRead() {
        assertThat(mvc.get().uri("/api/gadgets").header("Authorization", "Bearer " + TestTokens.forged("ada", "admin")))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @SpringBootConfiguration
    @Import(SliceApp.Gadgets.class)
    static class SliceApp {

        @Bean
        ApiAuthorization gadgetRules() {
            return rules ->
                    rules.requestMatchers(HttpMethod.POST, "/api/gadgets").hasRole(Roles.AUTHOR);
        }

        @RestController
        static class Gadgets {

            @GetMapping("/api/gadgets")
            String list() {
                return "gadgets";
            }

            @PostMapping("/api/gadgets")
            String create(Authentication authentication) {
                return "created by " + authentication.getName();
            }
        }
    }
}
