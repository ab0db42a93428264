package io.learnscale.quiz.attempt;

import java.util.List;

/** A well-formed attempt that does not fit its quiz: every id at fault is named. */
public class InvalidAttemptException extends RuntimeException {

    private final List<String> unknownQuestions;
    private final List<String> unansweredQuestions;
    private final List<String> unknownChoices;

    InvalidAttemptException(
            List<String> unknownQuestions, List<String> unansweredQuestions, List<String> unknownChoices) {
        super("The answers do not fit the quiz.");
        this.unknownQuestions = List.copyOf(unknownQuestions);
        this.unansweredQuestions = List.copyOf(unansweredQuestions);
        this.unknownChoices = List.copyOf(unknownChoices);
    }

    public List<String> unknownQuestions() {
        return unknownQuestions;
    }

    public List<String> unansweredQuestions() {
        return unansweredQuestions;
    }

    /** As {@code questionId/choiceId}. */
    public List<String> unknownChoices() {
        return unknownChoices;
    }
}
