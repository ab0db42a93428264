package io.learnscale.quiz.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;

import io.learnscale.quiz.quiz.Quizzes;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(AttemptController.class)
class AttemptControllerTests {

    private static final String ALL_RIGHT = """
            {"answers": {"q1": ["a"], "q2": ["a", "b"]}}""";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Quizzes quizzes;

    @MockitoBean
    AttemptPublisher publisher;

    @Test
    void aGradedAttemptIsPublishedAndAnswered201() {
        given(quizzes.findById("scaling")).willReturn(Optional.of(GraderTests.QUIZ));

        assertThat(post("/api/quizzes/scaling/attempts", ALL_RIGHT))
                .hasStatus(201)
                .bodyJson()
                .hasPathSatisfying("$.score", score -> score.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.maxScore", max -> max.assertThat().isEqualTo(2))
                .hasPathSatisfying(
                        "$.results[0].explanation", text -> text.assertThat().isEqualTo("More servers."));
        then(publisher).should().publish(any());
    }

    @Test
    void malformedJsonIsA400ProblemAndPublishesNothing() {
        assertThat(post("/api/quizzes/scaling/attempts", "{\"answers\": {"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aMissingAnswersFieldIsA400Problem() {
        assertThat(post("/api/quizzes/scaling/attempts", "{}"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[0].field", field -> field.assertThat().isEqualTo("answers"));
    }

    @Test
    void answersThatDoNotFitTheQuizAreA422NamingTheIds() {
        given(quizzes.findById("scaling")).willReturn(Optional.of(GraderTests.QUIZ));

        assertThat(post("/api/quizzes/scaling/attempts", "{\"answers\": {\"q1\": [\"z\"], \"q7\": []}}"))
                .hasStatus(422)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.unknownQuestions[0]", id -> id.assertThat().isEqualTo("q7"))
                .hasPathSatisfying(
                        "$.unansweredQuestions[0]", id -> id.assertThat().isEqualTo("q2"))
                .hasPathSatisfying("$.unknownChoices[0]", id -> id.assertThat().isEqualTo("q1/z"));
        then(publisher).should(never()).publish(any());
    }

    @Test
    void anUnknownQuizIsA404Problem() {
        given(quizzes.findById("nope")).willReturn(Optional.empty());

        assertThat(post("/api/quizzes/nope/attempts", ALL_RIGHT))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnacknowledgedPublishIsA503WithRetryAfter() {
        given(quizzes.findById("scaling")).willReturn(Optional.of(GraderTests.QUIZ));
        willThrow(new AttemptNotRecordedException(new TimeoutException()))
                .given(publisher)
                .publish(any());

        assertThat(post("/api/quizzes/scaling/attempts", ALL_RIGHT))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        assertThat(mvc.post()
                        .uri("/api/quizzes/scaling/attempts")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(ALL_RIGHT))
                .hasStatus(415)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MockMvcTester.MockMvcRequestBuilder post(String uri, String body) {
        return mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
