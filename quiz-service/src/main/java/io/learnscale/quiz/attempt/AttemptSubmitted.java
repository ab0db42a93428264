package io.learnscale.quiz.attempt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The {@code data} of the AttemptSubmitted event on {@code quiz.attempts} (DESIGN: Events). */
record AttemptSubmitted(
        String attemptId,
        String quizId,
        String section,
        String userId,
        Map<String, List<String>> answers,
        List<Result> results,
        int score,
        int maxScore,
        Instant submittedAt) {

    static final String TYPE = "AttemptSubmitted";
    static final int VERSION = 1;

    record Result(String questionId, boolean correct, List<String> chosen, List<String> correctChoices) {}
}
