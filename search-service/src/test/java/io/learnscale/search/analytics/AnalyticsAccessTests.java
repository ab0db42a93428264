package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import io.learnscale.testsupport.TestTokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResultAssert;

/**
 * Who may read what of analytics, through the production JWT filter chain and {@link AnalyticsAccess} (DESIGN:
 * Security): statistics and the leaderboard are public, a user's progress is for that user or an admin, the rebuild
 * (and its status) for admins; a token that is presented must be valid, even on a public read. A refusal never reaches
 * the aggregates.
 */
@WebMvcTest({AnalyticsController.class, AdminAnalyticsController.class})
@Import(AnalyticsAccess.class)
class AnalyticsAccessTests {

    private static final String ADA = "/api/analytics/users/ada";
    private static final String REBUILD = "/api/admin/analytics/rebuild";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Aggregates aggregates;

    @MockitoBean
    AnalyticsRebuild rebuild;

    @BeforeEach
    void someAnalytics() {
        given(aggregates.quiz("scaling"))
                .willReturn(new QuizStatistics("scaling", 0, 0.0, 0.0, 5, List.of(), List.of()));
        given(aggregates.leaderboard(10)).willReturn(new Leaderboard(List.of()));
        given(aggregates.user("ada")).willReturn(new UserProgress("ada", 0, List.of()));
        given(rebuild.begin())
                .willReturn(new RebuildStatus(
                        RebuildStatus.RUNNING, 4L, 0, 0, 0, 0, "search-service-1", Instant.now(), null, null));
        given(rebuild.status()).willReturn(RebuildStatus.idle());
    }

    @Test
    void anyoneReadsQuizStatisticsAndTheLeaderboardWithoutAToken() {
        assertThat(mvc.get().uri("/api/analytics/quizzes/scaling")).hasStatusOk();
        assertThat(mvc.get().uri("/api/analytics/leaderboard")).hasStatusOk();
    }

    @Test
    void aUserReadsTheirOwnProgress() {
        assertThat(mvc.get().uri(ADA).header("Authorization", bearer("ada", "user")))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.userId", u -> u.assertThat().isEqualTo("ada"));
    }

    @Test
    void anAdminReadsAnyonesProgress() {
        assertThat(mvc.get().uri(ADA).header("Authorization", bearer("root", "admin")))
                .hasStatusOk();
    }

    @Test
    void anotherUserOrAnAuthorMayNotReadSomeonesProgressA403Problem() {
        assertForbidden(mvc.get().uri(ADA).header("Authorization", bearer("bob", "user")));
        assertForbidden(mvc.get().uri(ADA).header("Authorization", bearer("author-1", "author")));
        verifyNoInteractions(aggregates);
    }

    @Test
    void progressWithoutATokenIsA401Problem() {
        assertUnauthorized(mvc.get().uri(ADA)).containsHeader("WWW-Authenticate");
        verifyNoInteractions(aggregates);
    }

    @Test
    void onlyAnAdminStartsARebuild() {
        assertUnauthorized(mvc.post().uri(REBUILD));
        assertForbidden(mvc.post().uri(REBUILD).header("Authorization", bearer("ada", "user")));
        assertForbidden(mvc.post().uri(REBUILD).header("Authorization", bearer("author-1", "author")));
        verifyNoInteractions(rebuild);

        assertThat(mvc.post().uri(REBUILD).header("Authorization", bearer("root", "admin")))
                .hasStatus(202)
                .hasHeader("Location", REBUILD);
    }

    @Test
    void theRebuildStatusIsForAdminsToo() {
        assertUnauthorized(mvc.get().uri(REBUILD));
        assertForbidden(mvc.get().uri(REBUILD).header("Authorization", bearer("ada", "user")));
        verifyNoInteractions(rebuild);

        assertThat(mvc.get().uri(REBUILD).header("Authorization", bearer("root", "admin")))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.state", s -> s.assertThat().isEqualTo("idle"));
    }

    @Test
    void anExpiredForgedOrUnsignedTokenIsA401EvenOnAPublicRead() {
        for (String token : TestTokens.invalid()) {
            assertUnauthorized(
                    mvc.get().uri("/api/analytics/quizzes/scaling").header("Authorization", "Bearer " + token));
            assertUnauthorized(mvc.get().uri("/api/analytics/leaderboard").header("Authorization", "Bearer " + token));
            assertUnauthorized(mvc.get().uri(ADA).header("Authorization", "Bearer " + token));
            assertUnauthorized(mvc.post().uri(REBUILD).header("Authorization", "Bearer " + token));
        }
        verifyNoInteractions(aggregates, rebuild);
    }

    private static MvcTestResultAssert assertUnauthorized(MockMvcTester.MockMvcRequestBuilder request) {
        MvcTestResultAssert result = assertThat(request);
        result.hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:unauthorized"));
        return result;
    }

    private static void assertForbidden(MockMvcTester.MockMvcRequestBuilder request) {
        assertThat(request)
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:forbidden"));
    }

    private static String bearer(String user, String... roles) {
        return "Bearer " + TestTokens.valid(user, roles);
    }
}
