package io.learnscale.quiz.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;

import io.learnscale.testsupport.TestTokens;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The quiz endpoints' HTTP contract; the catalog and authoring are mocked away. Writes carry an author's token, checked
 * by the same JWT filter chain and {@link QuizAccess} rules as in production.
 */
@WebMvcTest(QuizController.class)
@Import(QuizAccess.class)
class QuizControllerTests {

    static final Quiz QUIZ = new Quiz(
            "scaling",
            "scaling-techniques",
            "Scaling",
            List.of(
                    new Quiz.Question(
                            "q1",
                            "Scale out?",
                            "More servers.",
                            "horizontal-scaling",
                            List.of(
                                    new Quiz.Choice("a", "More servers", true),
                                    new Quiz.Choice("b", "More RAM", false))),
                    new Quiz.Question(
                            "q2",
                            "Horizontal techniques?",
                            "Both spread work.",
                            "horizontal-scaling",
                            List.of(
                                    new Quiz.Choice("a", "Load balancing", true),
                                    new Quiz.Choice("b", "Queues", true),
                                    new Quiz.Choice("c", "CPU upgrade", false)))));

    static final String QUIZ_JSON = """
            {"id": "scaling", "section": "scaling-techniques", "title": "Scaling",
             "questions": [
               {"id": "q1", "text": "Scale out?", "explanation": "More servers.", "topicSlug": "horizontal-scaling",
                "choices": [{"id": "a", "text": "More servers", "correct": true},
                            {"id": "b", "text": "More RAM", "correct": false}]}]}""";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    QuizCatalog catalog;

    @MockitoBean
    QuizAuthoring authoring;

    @Test
    void aQuizShowsQuestionsAndChoicesButNeverTheAnswers() {
        given(catalog.find("scaling")).willReturn(Optional.of(QUIZ));

        var response = assertThat(mvc.get().uri("/api/quizzes/scaling")).hasStatusOk();
        response.bodyJson()
                .hasPathSatisfying(
                        "$.questions[0].choices[1].text", t -> t.assertThat().isEqualTo("More RAM"))
                .hasPathSatisfying(
                        "$.questions[0].multiple", m -> m.assertThat().isEqualTo(false))
                .hasPathSatisfying(
                        "$.questions[1].multiple", m -> m.assertThat().isEqualTo(true))
                .hasPathSatisfying(
                        "$.questions[1].topicSlug", t -> t.assertThat().isEqualTo("horizontal-scaling"));
        response.bodyText()
                .doesNotContain("correct")
                .doesNotContain("explanation")
                .doesNotContain("More servers.");
    }

    @Test
    void anUnknownQuizIsA404Problem() {
        given(catalog.find("nope")).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/api/quizzes/nope"))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:quiz-not-found"));
    }

    @Test
    void quizzesCannotBeReadIsA503WithRetryAfter() {
        given(catalog.find("scaling")).willThrow(new QuizzesUnavailableException(new IllegalStateException("down")));

        assertThat(mvc.get().uri("/api/quizzes/scaling"))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:quizzes-unavailable"));
    }

    @Test
    void theListFiltersBySection() {
        given(catalog.list("scaling-techniques"))
                .willReturn(List.of(new QuizSummary("scaling", "scaling-techniques", "Scaling", 2)));

        assertThat(mvc.get().uri("/api/quizzes?section=scaling-techniques"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$[0].id", id -> id.assertThat().isEqualTo("scaling"))
                .hasPathSatisfying("$[0].questionCount", n -> n.assertThat().isEqualTo(2));
    }

    @Test
    void aCreatedQuizIs201WithLocationAndNoAnswers() {
        given(authoring.create(any())).willAnswer(invocation -> invocation.getArgument(0));

        var response = assertThat(post(QUIZ_JSON)).hasStatus(201).hasHeader("Location", "/api/quizzes/scaling");
        response.bodyText().doesNotContain("correct");
    }

    @Test
    void aQuizWithoutQuestionsIsA400NamingTheField() {
        assertThat(post("""
                        {"id": "scaling", "section": "scaling-techniques", "title": "Scaling", "questions": []}"""))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("questions"));
        then(authoring).should(never()).create(any());
    }

    @Test
    void anIdOutsideTheSlugPatternIsA400() {
        assertThat(post(QUIZ_JSON.replace("\"id\": \"scaling\"", "\"id\": \"Scaling Quiz\"")))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("id"));
    }

    @Test
    void aTitleOverItsLimitIsA400() {
        assertThat(post(QUIZ_JSON.replace("\"title\": \"Scaling\"", "\"title\": \"" + "x".repeat(201) + "\"")))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("title"));
    }

    @Test
    void aQuestionWithOneChoiceIsA400NamingIt() {
        assertThat(post("""
                        {"id": "scaling", "section": "scaling-techniques", "title": "Scaling",
                         "questions": [{"id": "q1", "text": "?", "explanation": "!", "topicSlug": "horizontal-scaling",
                                        "choices": [{"id": "a", "text": "More servers", "correct": true}]}]}"""))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("questions[0].choices"));
    }

    @Test
    void aChoiceWithoutCorrectIsA400() {
        assertThat(post(QUIZ_JSON.replace(", \"correct\": false", "")))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[0].field", f -> f.assertThat().isEqualTo("questions[0].choices[1].correct"));
    }

    @Test
    void aBrokenRuleIsA422ListingTheViolations() {
        given(authoring.create(any()))
                .willThrow(new InvalidQuizException(List.of(new InvalidQuizException.Violation(
                        "questions[0].choices", "question 'q1' has no correct choice"))));

        assertThat(post(QUIZ_JSON))
                .hasStatus(422)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:invalid-quiz"))
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("questions[0].choices"));
    }

    @Test
    void aDuplicateIdIsA409() {
        given(authoring.create(any())).willThrow(new QuizAlreadyExistsException("scaling"));

        assertThat(post(QUIZ_JSON))
                .hasStatus(409)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:quiz-exists"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        assertThat(post("{\"id\": ")).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aReplacedQuizIs200() {
        given(authoring.replace(eq("scaling"), any())).willAnswer(invocation -> invocation.getArgument(1));

        assertThat(mvc.put()
                        .uri("/api/quizzes/scaling")
                        .header("Authorization", author())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(QUIZ_JSON))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.title", t -> t.assertThat().isEqualTo("Scaling"));
    }

    @Test
    void replacingAnUnknownQuizIsA404() {
        given(authoring.replace(eq("scaling"), any())).willThrow(new QuizNotFoundException("scaling"));

        assertThat(mvc.put()
                        .uri("/api/quizzes/scaling")
                        .header("Authorization", author())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(QUIZ_JSON))
                .hasStatus(404);
    }

    @Test
    void aDeletedQuizIs204() {
        assertThat(mvc.delete().uri("/api/quizzes/scaling").header("Authorization", author()))
                .hasStatus(204);
        then(authoring).should().delete("scaling");
    }

    @Test
    void deletingAnUnknownQuizIsA404() {
        willThrow(new QuizNotFoundException("nope")).given(authoring).delete("nope");

        assertThat(mvc.delete().uri("/api/quizzes/nope").header("Authorization", author()))
                .hasStatus(404);
    }

    @Test
    void aDatabaseFailureWhileAuthoringIsA503() {
        given(authoring.create(any())).willThrow(new CannotAcquireLockException("down"));

        assertThat(post(QUIZ_JSON)).hasStatus(503).hasHeader("Retry-After", "5");
    }

    @Test
    void noConnectionToBeginAnAuthoringChangeIsA503() {
        given(authoring.create(any()))
                .willThrow(new org.springframework.transaction.CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction"));

        assertThat(post(QUIZ_JSON)).hasStatus(503).hasHeader("Retry-After", "5");
    }

    @Test
    void aRollbackOnABrokenConnectionIsA503() {
        given(authoring.create(any()))
                .willThrow(new org.springframework.transaction.TransactionSystemException("JDBC rollback failed"));

        assertThat(post(QUIZ_JSON)).hasStatus(503).hasHeader("Retry-After", "5");
    }

    @Test
    void aWrongContentTypeIsA415() {
        assertThat(mvc.post()
                        .uri("/api/quizzes")
                        .header("Authorization", author())
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(QUIZ_JSON))
                .hasStatus(415)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MockMvcTester.MockMvcRequestBuilder post(String body) {
        return mvc.post()
                .uri("/api/quizzes")
                .header("Authorization", author())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    private static String author() {
        return "Bearer " + TestTokens.valid("author-1", "author");
    }
}
