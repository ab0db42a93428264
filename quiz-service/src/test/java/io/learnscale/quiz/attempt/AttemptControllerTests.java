package io.learnscale.quiz.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import io.learnscale.quiz.quiz.QuizNotFoundException;
import io.learnscale.testsupport.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The attempt endpoint's HTTP contract: statuses, problem types, headers. Grading and Redis are mocked away; every
 * attempt carries a signed-in user's token, checked by the production JWT filter chain and {@link AttemptAccess}.
 */
@WebMvcTest(AttemptController.class)
@Import(AttemptAccess.class)
class AttemptControllerTests {

    private static final String BODY = """
            {"answers": {"q1": ["a"], "q2": ["a", "b"]}}""";

    private static final AttemptResult RESULT = new AttemptResult(
            "0b6f2a4e-0000-3000-8000-000000000000",
            "scaling",
            1,
            2,
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of(
                    new AttemptResult.QuestionResult(
                            "q1", true, List.of("a"), List.of("a"), "More servers.", "horizontal-scaling"),
                    new AttemptResult.QuestionResult(
                            "q2", false, List.of("a"), List.of("a", "b"), "Both spread work.", "horizontal-scaling")));

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Submissions submissions;

    @Test
    void aGradedAttemptIs201WithTheScoreAndPerQuestionResults() {
        given(submissions.submit(eq("scaling"), any(), eq(Optional.empty())))
                .willReturn(new Submissions.Submission(RESULT, false));

        assertThat(post(BODY))
                .hasStatus(201)
                .doesNotContainHeader(AttemptController.REPLAYED)
                .bodyJson()
                .hasPathSatisfying("$.attemptId", id -> id.assertThat().isEqualTo(RESULT.attemptId()))
                .hasPathSatisfying("$.score", score -> score.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.maxScore", max -> max.assertThat().isEqualTo(2))
                .hasPathSatisfying(
                        "$.results[1].correctChoices",
                        c -> c.assertThat().asArray().containsExactly("a", "b"))
                .hasPathSatisfying(
                        "$.results[1].explanation", e -> e.assertThat().isEqualTo("Both spread work."))
                .hasPathSatisfying("$.results[1].topicSlug", t -> t.assertThat().isEqualTo("horizontal-scaling"));
    }

    @Test
    void theIdempotencyKeyIsPassedOn() {
        given(submissions.submit(eq("scaling"), any(), eq(Optional.of("key-1"))))
                .willReturn(new Submissions.Submission(RESULT, false));

        assertThat(post(BODY).header("Idempotency-Key", "key-1")).hasStatus(201);
    }

    @Test
    void aReplayIs201WithTheStoredBodyAndSaysSo() {
        given(submissions.submit(eq("scaling"), any(), eq(Optional.of("key-1"))))
                .willReturn(new Submissions.Submission(RESULT, true));

        assertThat(post(BODY).header("Idempotency-Key", "key-1"))
                .hasStatus(201)
                .hasHeader(AttemptController.REPLAYED, "true")
                .bodyJson()
                .hasPathSatisfying("$.attemptId", id -> id.assertThat().isEqualTo(RESULT.attemptId()));
    }

    @Test
    void anIdempotencyKeyWithSpacesIsA400Problem() {
        assertThat(post(BODY).header("Idempotency-Key", "not a key"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type",
                        type -> type.assertThat().isEqualTo("urn:learnscale:problem:invalid-idempotency-key"));
        then(submissions).should(never()).submit(any(), any(), any());
    }

    @Test
    void anIdempotencyKeyOver255CharactersIsA400Problem() {
        assertThat(post(BODY).header("Idempotency-Key", "k".repeat(256))).hasStatus(400);
    }

    @Test
    void malformedJsonIsA400ProblemAndSubmitsNothing() {
        assertThat(post("{\"answers\": {"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.requestId", id -> id.assertThat().isNotNull());
        then(submissions).should(never()).submit(any(), any(), any());
    }

    @Test
    void aMissingAnswersFieldIsA400ProblemNamingTheField() {
        assertThat(post("{}"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[0].field", field -> field.assertThat().isEqualTo("answers"));
    }

    @Test
    void aNullChoiceIsA400Problem() {
        assertThat(post("{\"answers\": {\"q1\": [null]}}")).hasStatus(400);
    }

    @Test
    void answersThatDoNotFitTheQuizAreA422NamingTheIds() {
        given(submissions.submit(eq("scaling"), any(), any()))
                .willThrow(new InvalidAttemptException(List.of("q7"), List.of("q2"), List.of("q1/z")));

        assertThat(post("{\"answers\": {\"q1\": [\"z\"], \"q7\": []}}"))
                .hasStatus(422)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", type -> type.assertThat().isEqualTo("urn:learnscale:problem:invalid-attempt"))
                .hasPathSatisfying(
                        "$.unknownQuestions[0]", id -> id.assertThat().isEqualTo("q7"))
                .hasPathSatisfying(
                        "$.unansweredQuestions[0]", id -> id.assertThat().isEqualTo("q2"))
                .hasPathSatisfying("$.unknownChoices[0]", id -> id.assertThat().isEqualTo("q1/z"));
    }

    @Test
    void anUnknownQuizIsA404Problem() {
        given(submissions.submit(eq("nope"), any(), any())).willThrow(new QuizNotFoundException("nope"));

        assertThat(mvc.post()
                        .uri("/api/quizzes/nope/attempts")
                        .header("Authorization", user())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnacknowledgedPublishIsA503WithRetryAfter() {
        given(submissions.submit(eq("scaling"), any(), any()))
                .willThrow(new AttemptNotRecordedException(new TimeoutException()));

        assertThat(post(BODY))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", type -> type.assertThat().isEqualTo("urn:learnscale:problem:attempts-unavailable"));
    }

    @Test
    void aRequestInFlightWithTheSameKeyIsA409WithRetryAfterOne() {
        given(submissions.submit(eq("scaling"), any(), any())).willThrow(new AttemptInFlightException());

        assertThat(post(BODY).header("Idempotency-Key", "key-1"))
                .hasStatus(409)
                .hasHeader("Retry-After", "1")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aKeyUsedForAnotherRequestIsA422Problem() {
        given(submissions.submit(eq("scaling"), any(), any())).willThrow(new IdempotencyKeyReusedException());

        assertThat(post(BODY).header("Idempotency-Key", "key-1"))
                .hasStatus(422)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", type -> type.assertThat().isEqualTo("urn:learnscale:problem:idempotency-key-reused"));
    }

    @Test
    void unreachableIdempotencyRecordsAreA503WithRetryAfter() {
        given(submissions.submit(eq("scaling"), any(), any()))
                .willThrow(new IdempotencyUnavailableException(new IllegalStateException("down")));

        assertThat(post(BODY).header("Idempotency-Key", "key-1"))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .bodyJson()
                .hasPathSatisfying(
                        "$.type",
                        type -> type.assertThat().isEqualTo("urn:learnscale:problem:idempotency-unavailable"));
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        assertThat(mvc.post()
                        .uri("/api/quizzes/scaling/attempts")
                        .header("Authorization", user())
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(BODY))
                .hasStatus(415)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aGetOnTheAttemptsPathIsA405Problem() {
        assertThat(mvc.get().uri("/api/quizzes/scaling/attempts"))
                .hasStatus(405)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MockMvcTester.MockMvcRequestBuilder post(String body) {
        return mvc.post()
                .uri("/api/quizzes/scaling/attempts")
                .header("Authorization", user())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    private static String user() {
        return "Bearer " + TestTokens.valid("ada", "user");
    }
}
