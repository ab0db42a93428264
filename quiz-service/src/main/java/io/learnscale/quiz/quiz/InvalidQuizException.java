package io.learnscale.quiz.quiz;

import java.util.List;

/** A well-formed quiz that breaks a rule (no correct choice, repeated ids, ...): every violation is named. */
public class InvalidQuizException extends RuntimeException {

    private final List<Violation> violations;

    InvalidQuizException(List<Violation> violations) {
        super("The quiz breaks " + (violations.size() == 1 ? "a rule." : violations.size() + " rules."));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Where in the body ({@code questions[2].choices}) and what is wrong. */
    public record Violation(String field, String message) {}
}
