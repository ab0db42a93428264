package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.quiz.quiz.Quiz;
import io.learnscale.quiz.quiz.QuizCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The quizzes written from the notes, as a fresh start loads them from PostgreSQL: never showing answers, every section
 * and topic slug one of content-service's ({@link ContentTopics}), every content-service section with a quiz of five
 * questions or more.
 */
@QuizServiceIntegrationTest
class QuizContentTests {

    /** Quizzes other tests create and delete carry this prefix; the content checks are about the seeded ones. */
    static final String TEST_QUIZ_PREFIX = "test-";

    @LocalServerPort
    int port;

    @Autowired
    QuizCatalog catalog;

    @Test
    void everySectionOfContentServiceHasAQuizOfAtLeastFiveQuestions() {
        Map<String, List<Map<String, Object>>> bySection =
                seededSummaries().stream().collect(Collectors.groupingBy(q -> (String) q.get("section")));

        for (String section : ContentTopics.sections().keySet()) {
            assertThat(bySection.get(section))
                    .as("quizzes of section %s", section)
                    .isNotEmpty();
            assertThat(bySection.get(section))
                    .as("a quiz of section %s with five questions or more", section)
                    .anyMatch(q -> (Integer) q.get("questionCount") >= 5);
        }
    }

    @Test
    void everyQuizLoadsAndNeverShowsItsAnswers() {
        for (Map<String, Object> summary : seededSummaries()) {
            String id = (String) summary.get("id");
            ResponseEntity<String> response = new Http(port).get("/api/quizzes/" + id);

            assertThat(response.getStatusCode().value()).as(id).isEqualTo(200);
            String body = response.getBody();
            assertThat(JsonPath.<List<String>>read(body, "$.questions[*].id"))
                    .as(id)
                    .hasSize((Integer) summary.get("questionCount"))
                    .hasSizeGreaterThanOrEqualTo(5);
            assertThat(body).as(id).doesNotContain("\"correct\"").doesNotContain("explanation");
            Quiz quiz = catalog.find(id).orElseThrow();
            for (Quiz.Question question : quiz.questions()) {
                assertThat(body).as("%s/%s", id, question.id()).doesNotContain(question.explanation());
            }
        }
    }

    @Test
    void everyQuestionHasAnExplanationATopicAndBothRightAndWrongChoices() {
        for (Quiz quiz : seededQuizzes()) {
            for (Quiz.Question question : quiz.questions()) {
                String at = quiz.id() + "/" + question.id();
                assertThat(question.explanation()).as(at).isNotBlank();
                assertThat(question.topicSlug()).as(at).isNotBlank();
                assertThat(question.correctChoices())
                        .as(at)
                        .isNotEmpty()
                        .hasSizeLessThan(question.choices().size());
            }
        }
    }

    @Test
    void everySectionIsContentServicesAndEveryTopicSlugATopicOfItsQuizzesSection() {
        Map<String, Set<String>> sections = ContentTopics.sections();
        for (Quiz quiz : seededQuizzes()) {
            assertThat(sections.keySet()).as("section of %s", quiz.id()).contains(quiz.section());
            for (Quiz.Question question : quiz.questions()) {
                assertThat(sections.get(quiz.section()))
                        .as("topic of %s/%s in section %s", quiz.id(), question.id(), quiz.section())
                        .contains(question.topicSlug());
            }
        }
    }

    @Test
    void theQuizzesMixSingleAndMultipleChoiceQuestions() {
        List<Quiz.Question> questions =
                seededQuizzes().stream().flatMap(q -> q.questions().stream()).toList();

        assertThat(questions).anyMatch(Quiz.Question::multiple).anyMatch(q -> !q.multiple());
        for (Quiz quiz : seededQuizzes()) {
            assertThat(quiz.questions()).as(quiz.id()).anyMatch(q -> !q.multiple());
        }
    }

    @Test
    void theListCanBeFilteredBySection() {
        String body =
                new Http(port).get("/api/quizzes?section=scaling-techniques").getBody();

        assertThat(JsonPath.<List<String>>read(body, "$[*].section"))
                .isNotEmpty()
                .containsOnly("scaling-techniques");
        assertThat(JsonPath.<List<String>>read(body, "$[*].id"))
                .contains("scaling-techniques", "scaling-techniques-in-depth");
        assertThat(JsonPath.<List<String>>read(
                        new Http(port)
                                .get("/api/quizzes?section=python-overview")
                                .getBody(),
                        "$[*].id"))
                .contains("definition", "uses", "advantages", "disadvantages");
    }

    private List<Map<String, Object>> seededSummaries() {
        List<Map<String, Object>> all =
                JsonPath.read(new Http(port).get("/api/quizzes").getBody(), "$");
        return all.stream()
                .filter(q -> !((String) q.get("id")).startsWith(TEST_QUIZ_PREFIX))
                .toList();
    }

    private List<Quiz> seededQuizzes() {
        return seededSummaries().stream()
                .map(q -> catalog.find((String) q.get("id")).orElseThrow())
                .toList();
    }
}
