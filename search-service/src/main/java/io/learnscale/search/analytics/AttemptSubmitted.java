package io.learnscale.search.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of quiz-service's AttemptSubmitted event that analytics reads; unknown fields are ignored, so the
 * producer may add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AttemptSubmitted(String id, String type, Integer version, Data data) {

    static final String TYPE = "AttemptSubmitted";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(
            @NotBlank String attemptId,
            @NotBlank String quizId,
            @NotBlank String section,
            @NotBlank String userId,
            @Nullable List<@NotNull @Valid Result> results,
            @NotNull @Min(0) Integer score,
            @NotNull @Min(1) Integer maxScore) {

        /** Per question: right or not (no partial credit). */
        List<Result> resultsOrEmpty() {
            return results == null ? List.of() : results;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(@NotBlank String questionId, @NotNull Boolean correct) {}
}
