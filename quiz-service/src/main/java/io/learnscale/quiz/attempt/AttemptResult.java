package io.learnscale.quiz.attempt;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the taker gets back: the score and, per question, the right answer, why, and where to read about it. */
record AttemptResult(
        @Schema(
                description =
                        "Also the id of the AttemptSubmitted event; derived from the user and the Idempotency-Key when one is given")
        String attemptId,

        String quizId,
        int score,
        int maxScore,
        Instant submittedAt,
        List<QuestionResult> results) {

    record QuestionResult(
            String questionId,
            boolean correct,
            List<String> chosen,
            List<String> correctChoices,
            String explanation,
            String topicSlug) {}
}
