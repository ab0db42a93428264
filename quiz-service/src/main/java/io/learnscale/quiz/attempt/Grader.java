package io.learnscale.quiz.attempt;

import io.learnscale.quiz.quiz.Quiz;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Grades an attempt: a question scores 1 when the chosen set equals the correct set, no partial credit. */
final class Grader {

    private Grader() {}

    /**
     * @throws InvalidAttemptException naming every unknown question, unanswered question and unknown choice
     */
    static List<AttemptResult.QuestionResult> grade(Quiz quiz, Map<String, List<String>> answers) {
        List<String> unknownQuestions = answers.keySet().stream()
                .filter(id -> quiz.question(id).isEmpty())
                .sorted()
                .toList();
        List<String> unanswered = quiz.questions().stream()
                .map(Quiz.Question::id)
                .filter(id -> !answers.containsKey(id))
                .toList();
        List<String> unknownChoices = new ArrayList<>();
        for (Quiz.Question question : quiz.questions()) {
            for (String choice : answers.getOrDefault(question.id(), List.of())) {
                if (!question.hasChoice(choice)) {
                    unknownChoices.add(question.id() + "/" + choice);
                }
            }
        }
        if (!unknownQuestions.isEmpty() || !unanswered.isEmpty() || !unknownChoices.isEmpty()) {
            throw new InvalidAttemptException(unknownQuestions, unanswered, unknownChoices);
        }
        return quiz.questions().stream()
                .map(question -> {
                    Set<String> chosen = new TreeSet<>(answers.get(question.id()));
                    Set<String> correct = question.correctChoices();
                    return new AttemptResult.QuestionResult(
                            question.id(),
                            chosen.equals(correct),
                            List.copyOf(chosen),
                            List.copyOf(correct),
                            question.explanation(),
                            question.topicSlug());
                })
                .toList();
    }
}
