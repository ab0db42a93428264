package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(AnalyticsController.class)
class AnalyticsControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Aggregates aggregates;

    @Test
    void servesAQuizsStatistics() {
        given(aggregates.quiz("scaling")).willReturn(new QuizStatistics("scaling", 4, 3.5, 70.0));

        assertThat(mvc.get().uri("/api/analytics/quizzes/scaling"))
                .hasStatusOk()
                .hasHeader("X-Served-By", "search-service-1")
                .bodyJson()
                .hasPathSatisfying("$.attempts", n -> n.assertThat().isEqualTo(4))
                .hasPathSatisfying("$.meanScorePercent", p -> p.assertThat().isEqualTo(70.0));
    }

    @Test
    void redisDownIsA503ProblemWithRetryAfter() {
        given(aggregates.quiz("scaling")).willThrow(new RedisConnectionFailureException("down"));

        assertThat(mvc.get().uri("/api/analytics/quizzes/scaling"))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:analytics-unavailable"));
    }
}
