package io.learnscale.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.testsupport.TestTokens;
import io.micrometer.observation.ObservationRegistry;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(classes = ServiceSecurityTests.TestApp.class, properties = "learnscale.instance-id=test-1")
@AutoConfigureMockMvc
class ServiceSecurityTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ObservationRegistry observations;

    @Test
    void readsArePublic() {
        assertThat(mvc.get().uri("/api/things")).hasStatusOk();
    }

    @Test
    void aWriteWithoutATokenIsA401Problem() {
        assertThat(mvc.post().uri("/api/things"))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .containsHeader("WWW-Authenticate")
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:unauthorized"))
                .hasPathSatisfying("$.requestId", id -> id.assertThat().isNotNull());
    }

    @Test
    void aWriteWithTheRightRoleGoesThrough() {
        assertThat(mvc.post().uri("/api/things").header("Authorization", bearer(TestTokens.valid("ada", "author"))))
                .hasStatusOk()
                .bodyText()
                .isEqualTo("created by ada");
    }

    @Test
    void aWriteWithTheWrongRoleIsA403Problem() {
        assertThat(mvc.post().uri("/api/things").header("Authorization", bearer(TestTokens.valid("bob", "user"))))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:forbidden"));
    }

    @Test
    void anInvalidTokenIsRefusedEvenOnAPublicRead() {
        for (String token : TestTokens.invalid()) {
            assertThat(mvc.get().uri("/api/things").header("Authorization", bearer(token)))
                    .hasStatus(401)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aPrivateReadIsForThatUserOrAnAdmin() {
        assertThat(mvc.get().uri("/api/private/ada").header("Authorization", bearer(TestTokens.valid("ada", "user"))))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/private/ada").header("Authorization", bearer(TestTokens.valid("bob", "user"))))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/private/ada").header("Authorization", bearer(TestTokens.valid("eve", "admin"))))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/private/ada")).hasStatus(401);
    }

    @Test
    void anUnlistedWriteNeedsAnAdmin() {
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/things")
                        .header("Authorization", bearer(TestTokens.valid("ada", "author")))))
                .hasStatus(403);
    }

    @Test
    void aRequestIsObservedButTheSecurityChainIsNot() {
        // Spring Security would wrap each filter of each request in an observation, a cost for nothing the request's
        // own span and metrics do not already say
        Queue<String> asked = new ConcurrentLinkedQueue<>();
        observations.observationConfig().observationPredicate((name, context) -> asked.add(name));

        assertThat(mvc.post().uri("/api/things").header("Authorization", bearer(TestTokens.valid("ada", "author"))))
                .hasStatusOk();

        assertThat(asked).contains("http.server.requests");
        assertThat(asked).noneMatch(name -> name.startsWith("spring.security"));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @SpringBootApplication
    static class TestApp {

        @Bean
        ApiAuthorization rules() {
            return rules -> rules.requestMatchers(HttpMethod.POST, "/api/things")
                    .hasRole(Roles.AUTHOR)
                    .requestMatchers("/api/private/{user}")
                    .access(SelfOrAdmin.of("user"));
        }

        @RestController
        static class Things {

            @GetMapping("/api/things")
            String list() {
                return "things";
            }

            @PostMapping("/api/things")
            String create(Authentication authentication) {
                return "created by " + authentication.getName();
            }

            @GetMapping("/api/private/{user}")
            String mine(@PathVariable String user) {
                return user;
            }
        }
    }
}
