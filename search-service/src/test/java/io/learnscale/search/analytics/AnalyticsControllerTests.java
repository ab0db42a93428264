package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import io.learnscale.testsupport.TestTokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The analytics endpoints' HTTP contract, behind the production JWT filter chain and {@link AnalyticsAccess}: a user's
 * progress is read with that user's token, the rebuild with an admin's.
 */
@WebMvcTest({AnalyticsController.class, AdminAnalyticsController.class})
@Import(AnalyticsAccess.class)
class AnalyticsControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Aggregates aggregates;

    @MockitoBean
    AnalyticsRebuild rebuild;

    @Test
    void servesAQuizsStatistics() {
        given(aggregates.quiz("scaling"))
                .willReturn(new QuizStatistics(
                        "scaling",
                        4,
                        3.5,
                        70.0,
                        5,
                        List.of(new QuizStatistics.ScoreCount(3, 2), new QuizStatistics.ScoreCount(4, 2)),
                        List.of(new QuizStatistics.QuestionStatistics("q1", 4, 3, 0.75))));

        assertThat(mvc.get().uri("/api/analytics/quizzes/scaling"))
                .hasStatusOk()
                .hasHeader("X-Served-By", "search-service-1")
                .bodyJson()
                .hasPathSatisfying("$.quizId", q -> q.assertThat().isEqualTo("scaling"))
                .hasPathSatisfying("$.attempts", n -> n.assertThat().isEqualTo(4))
                .hasPathSatisfying("$.meanScore", n -> n.assertThat().isEqualTo(3.5))
                .hasPathSatisfying("$.meanScorePercent", p -> p.assertThat().isEqualTo(70.0))
                .hasPathSatisfying("$.histogram[1].score", p -> p.assertThat().isEqualTo(4))
                .hasPathSatisfying(
                        "$.questions[0].correctRate", p -> p.assertThat().isEqualTo(0.75));
    }

    @Test
    void servesTheLeaderboard() {
        given(aggregates.leaderboard(3)).willReturn(new Leaderboard(List.of(new Leaderboard.Entry(1, "ada", 9, 4))));

        assertThat(mvc.get().uri("/api/analytics/leaderboard?limit=3"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.entries[0].userId", u -> u.assertThat().isEqualTo("ada"))
                .hasPathSatisfying("$.entries[0].points", p -> p.assertThat().isEqualTo(9));
    }

    @Test
    void aLeaderboardLimitOutOfRangeIsABadRequest() {
        for (String limit : List.of("0", "101", "-1", "ten")) {
            assertThat(mvc.get().uri("/api/analytics/leaderboard?limit=" + limit))
                    .hasStatus(400)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        verifyNoInteractions(aggregates);
    }

    @Test
    void servesAUsersProgress() {
        given(aggregates.user("ada"))
                .willReturn(new UserProgress(
                        "ada", 3, List.of(new UserProgress.SectionProgress("scaling", 3, 4, 5, 80.0))));

        assertThat(mvc.get().uri("/api/analytics/users/ada").header("Authorization", bearer("ada", "user")))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying(
                        "$.sections[0].bestPercent", p -> p.assertThat().isEqualTo(80.0));
    }

    @Test
    void redisDownIsA503ProblemWithRetryAfter() {
        given(aggregates.quiz("scaling")).willThrow(new RedisConnectionFailureException("down"));
        given(aggregates.leaderboard(10)).willThrow(new QueryTimeoutException("timed out"));

        for (String uri : List.of("/api/analytics/quizzes/scaling", "/api/analytics/leaderboard")) {
            assertThat(mvc.get().uri(uri))
                    .hasStatus(503)
                    .hasHeader("Retry-After", "5")
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson()
                    .hasPathSatisfying(
                            "$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:analytics-unavailable"));
        }
    }

    @Test
    void aRebuildIsAcceptedAndFollowedAtItsLocation() {
        given(rebuild.begin())
                .willReturn(new RebuildStatus(
                        RebuildStatus.RUNNING, 3L, 0, 0, 0, 0, "search-service-1", Instant.now(), null, null));

        assertThat(mvc.post().uri("/api/admin/analytics/rebuild").header("Authorization", bearer("root", "admin")))
                .hasStatus(202)
                .hasHeader("Location", "/api/admin/analytics/rebuild")
                .bodyJson()
                .hasPathSatisfying("$.state", s -> s.assertThat().isEqualTo("running"))
                .hasPathSatisfying("$.generation", g -> g.assertThat().isEqualTo(3));
    }

    @Test
    void aSecondRebuildWhileOneRunsIsAConflict() {
        given(rebuild.begin()).willThrow(new RebuildRunningException());

        assertThat(mvc.post().uri("/api/admin/analytics/rebuild").header("Authorization", bearer("root", "admin")))
                .hasStatus(409)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:rebuild-running"));
    }

    private static String bearer(String user, String... roles) {
        return "Bearer " + TestTokens.valid(user, roles);
    }
}
