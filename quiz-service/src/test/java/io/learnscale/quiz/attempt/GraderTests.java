package io.learnscale.quiz.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.learnscale.quiz.quiz.Quiz;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraderTests {

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

    @Test
    void aQuestionScoresOnlyWhenTheChosenSetEqualsTheCorrectSet() {
        var results = Grader.grade(QUIZ, Map.of("q1", List.of("a"), "q2", List.of("a")));

        assertThat(results).extracting(AttemptResult.QuestionResult::correct).containsExactly(true, false);
        assertThat(results.get(1).correctChoices()).containsExactly("a", "b");
        assertThat(results.get(1).topicSlug()).isEqualTo("horizontal-scaling");
    }

    @Test
    void choiceOrderAndRepeatsDoNotMatter() {
        var results = Grader.grade(QUIZ, Map.of("q1", List.of("a", "a"), "q2", List.of("b", "a")));

        assertThat(results).extracting(AttemptResult.QuestionResult::correct).containsExactly(true, true);
    }

    @Test
    void aResultCarriesTheRightChoicesTheExplanationAndTheTopic() {
        var results = Grader.grade(QUIZ, Map.of("q1", List.of("b"), "q2", List.of("c", "a", "b")));

        assertThat(results.get(0).correct()).isFalse();
        assertThat(results.get(0).chosen()).containsExactly("b");
        assertThat(results.get(0).correctChoices()).containsExactly("a");
        assertThat(results.get(0).explanation()).isEqualTo("More servers.");
        assertThat(results.get(1).correct()).isFalse();
    }

    @Test
    void anEmptyChoiceListIsAnsweredButWrong() {
        var results = Grader.grade(QUIZ, Map.of("q1", List.of(), "q2", List.of("a", "b")));

        assertThat(results).extracting(AttemptResult.QuestionResult::correct).containsExactly(false, true);
    }

    @Test
    void everyIdAtFaultIsNamed() {
        assertThatExceptionOfType(InvalidAttemptException.class)
                .isThrownBy(() -> Grader.grade(QUIZ, Map.of("q1", List.of("z"), "q9", List.of("a"))))
                .satisfies(ex -> {
                    assertThat(ex.unknownQuestions()).containsExactly("q9");
                    assertThat(ex.unansweredQuestions()).containsExactly("q2");
                    assertThat(ex.unknownChoices()).containsExactly("q1/z");
                });
    }
}
