package io.learnscale.quiz.quiz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules a well-formed quiz must keep; each broken one is named in the 422. */
final class QuizRules {

    private QuizRules() {}

    static void check(Quiz quiz) {
        List<InvalidQuizException.Violation> violations = new ArrayList<>();
        Set<String> questionIds = new HashSet<>();
        for (int q = 0; q < quiz.questions().size(); q++) {
            Quiz.Question question = quiz.questions().get(q);
            String at = "questions[" + q + "]";
            if (!questionIds.add(question.id())) {
                violations.add(new InvalidQuizException.Violation(
                        at + ".id", "question id '" + question.id() + "' is used twice"));
            }
            if (question.correctChoices().isEmpty()) {
                violations.add(new InvalidQuizException.Violation(
                        at + ".choices", "question '" + question.id() + "' has no correct choice"));
            }
            if (question.correctChoices().size() == question.choices().size()) {
                violations.add(new InvalidQuizException.Violation(
                        at + ".choices", "question '" + question.id() + "' has no wrong choice"));
            }
            Set<String> choiceIds = new HashSet<>();
            for (int c = 0; c < question.choices().size(); c++) {
                Quiz.Choice choice = question.choices().get(c);
                if (!choiceIds.add(choice.id())) {
                    violations.add(new InvalidQuizException.Violation(
                            at + ".choices[" + c + "].id",
                            "choice id '" + choice.id() + "' is used twice in question '" + question.id() + "'"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidQuizException(violations);
        }
    }

    /** A PUT names its quiz twice, in the path and in the body: they must agree. */
    static void checkSameId(String pathId, Quiz quiz) {
        if (!pathId.equals(quiz.id())) {
            throw new InvalidQuizException(List.of(new InvalidQuizException.Violation(
                    "id", "the body's id '" + quiz.id() + "' differs from the path's '" + pathId + "'")));
        }
    }
}
