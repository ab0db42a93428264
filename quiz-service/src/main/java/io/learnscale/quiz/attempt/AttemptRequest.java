package io.learnscale.quiz.attempt;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The body of {@code POST /api/quizzes/{id}/attempts}: the chosen choice ids per question id. */
@Schema(example = """
        {"answers": {"q1": ["a"], "q2": ["a", "b", "d"], "q3": ["b"], "q4": ["a", "b", "d"], "q5": ["c"]}}""")
record AttemptRequest(
        @Schema(description = "Question id → the chosen choice ids; every question must be answered")
        @NotNull
        @Size(max = 200)
        Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 50) List<@NotNull @Size(max = 40) String>> answers) {

    /** The same answers with each question's choices sorted and without repeats: what is graded and compared. */
    Map<String, List<String>> normalized() {
        Map<String, List<String>> normalized = new TreeMap<>();
        answers.forEach((question, choices) ->
                normalized.put(question, choices.stream().distinct().sorted().toList()));
        return normalized;
    }
}
