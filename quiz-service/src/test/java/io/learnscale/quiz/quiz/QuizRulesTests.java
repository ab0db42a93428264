package io.learnscale.quiz.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuizRulesTests {

    @Test
    void aWellFormedQuizPasses() {
        assertThatNoException().isThrownBy(() -> QuizRules.check(QuizControllerTests.QUIZ));
    }

    @Test
    void aQuestionWithoutACorrectChoiceIsNamed() {
        Quiz quiz = withChoices(List.of(new Quiz.Choice("a", "A", false), new Quiz.Choice("b", "B", false)));

        assertThatExceptionOfType(InvalidQuizException.class)
                .isThrownBy(() -> QuizRules.check(quiz))
                .satisfies(ex -> assertThat(ex.violations())
                        .extracting(InvalidQuizException.Violation::field)
                        .containsExactly("questions[0].choices"));
    }

    @Test
    void aQuestionWithOnlyCorrectChoicesIsNamed() {
        Quiz quiz = withChoices(List.of(new Quiz.Choice("a", "A", true), new Quiz.Choice("b", "B", true)));

        assertThatExceptionOfType(InvalidQuizException.class)
                .isThrownBy(() -> QuizRules.check(quiz))
                .satisfies(
                        ex -> assertThat(ex.violations().getFirst().message()).contains("no wrong choice"));
    }

    @Test
    void repeatedQuestionAndChoiceIdsAreEachNamed() {
        Quiz.Question question = new Quiz.Question(
                "q1", "?", "!", "topic", List.of(new Quiz.Choice("a", "A", true), new Quiz.Choice("a", "B", false)));
        Quiz quiz = new Quiz("quiz", "section", "Title", List.of(question, question));

        assertThatExceptionOfType(InvalidQuizException.class)
                .isThrownBy(() -> QuizRules.check(quiz))
                .satisfies(ex -> assertThat(ex.violations())
                        .extracting(InvalidQuizException.Violation::field)
                        .containsExactly(
                                "questions[0].choices[1].id", "questions[1].id", "questions[1].choices[1].id"));
    }

    @Test
    void aBodyIdOtherThanThePathIdIsAViolation() {
        assertThatExceptionOfType(InvalidQuizException.class)
                .isThrownBy(() -> QuizRules.checkSameId("other", QuizControllerTests.QUIZ))
                .satisfies(ex -> assertThat(ex.violations().getFirst().field()).isEqualTo("id"));
    }

    private static Quiz withChoices(List<Quiz.Choice> choices) {
        return new Quiz("quiz", "section", "Title", List.of(new Quiz.Question("q1", "?", "!", "topic", choices)));
    }
}
