package io.learnscale.search.analytics;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The parts of quiz-service's AttemptSubmitted event that analytics reads; unknown fields are ignored, so the
 * producer may add some.
 */
record AttemptSubmitted(String id, String type, Integer version, Data data) {

    static final String TYPE = "AttemptSubmitted";

    record Data(
            @NotBlank String attemptId,
            @NotBlank String quizId,
            @NotBlank String section,
            @NotBlank String userId,
            @NotNull @Min(0) Integer score,
            @NotNull @Min(1) Integer maxScore) {}
}
