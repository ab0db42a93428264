package io.learnscale.search;

import static io.learnscale.testsupport.AccessAssertions.assertForbidden;
import static io.learnscale.testsupport.AccessAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.testsupport.TestTokens;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * search-service asked straight on its own port, as a client bypassing the gateway would (DESIGN: Security): search
 * and public analytics answer anyone, a presented token must be valid, a user's progress is that user's or an admin's,
 * and the rebuild is refused to everyone else without starting one. (The slice {@code AnalyticsAccessTests} covers
 * the admin's 202; a real rebuild here would run into {@code RebuildIntegrationTests} in the shared context.)
 */
@SearchServiceTest
class SearchServiceAccessTests {

    private static final String REBUILD = "/api/admin/analytics/rebuild";

    @LocalServerPort
    int port;

    /** content-service creates the topic in the full system; the index is ready once it caught up with it. */
    @BeforeAll
    static void createTopic(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        TestKafka.createTopic(bootstrapServers, "content.topics", 6, true);
    }

    @Test
    void anyoneSearchesAndReadsPublicAnalyticsWithoutAToken() {
        TestHttp anonymous = new TestHttp(port);

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(anonymous
                                .get("/api/search", "q", "caching")
                                .getStatusCode()
                                .value())
                        .isEqualTo(200));
        assertThat(anonymous.get("/api/analytics/leaderboard").getStatusCode().value())
                .isEqualTo(200);
        assertThat(anonymous
                        .get("/api/analytics/quizzes/scaling-techniques")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void anExpiredForgedOrUnsignedTokenIsA401EvenOnAPublicRead() {
        for (String token : TestTokens.invalid()) {
            TestHttp bad = new TestHttp(port).withToken(token);

            assertUnauthorized(bad.get("/api/search", "q", "caching"));
            assertUnauthorized(bad.get("/api/analytics/leaderboard"));
            assertUnauthorized(bad.get("/api/analytics/users/ada"));
        }
    }

    @Test
    void aUsersProgressIsForThatUserOrAnAdmin() {
        assertThat(new TestHttp(port)
                        .as("ada", "user")
                        .get("/api/analytics/users/ada")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(new TestHttp(port)
                        .as("root", "admin")
                        .get("/api/analytics/users/ada")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertForbidden(new TestHttp(port).as("bob", "user").get("/api/analytics/users/ada"));
        assertUnauthorized(new TestHttp(port).get("/api/analytics/users/ada"));
    }

    @Test
    void aRebuildAskedWithoutAnAdminsTokenIsRefusedAndNoneStarts() {
        TestHttp admin = new TestHttp(port).as("root", "admin");
        Object generation = generation(admin);

        assertUnauthorized(new TestHttp(port).post(REBUILD));
        assertUnauthorized(
                new TestHttp(port).withToken(TestTokens.forged("root", "admin")).post(REBUILD));
        assertUnauthorized(
                new TestHttp(port).withToken(TestTokens.unsigned("root")).post(REBUILD));
        assertForbidden(new TestHttp(port).as("ada", "user").post(REBUILD));
        assertForbidden(new TestHttp(port).as("author-1", "author").post(REBUILD));
        assertUnauthorized(new TestHttp(port).get(REBUILD));
        assertForbidden(new TestHttp(port).as("ada", "user").get(REBUILD));

        assertThat(Objects.equals(generation(admin), generation)).isTrue();
    }

    private static Object generation(TestHttp admin) {
        ResponseEntity<String> status = admin.get(REBUILD);
        assertThat(status.getStatusCode().value()).isEqualTo(200);
        return JsonPath.read(status.getBody(), "$.generation");
    }
}
