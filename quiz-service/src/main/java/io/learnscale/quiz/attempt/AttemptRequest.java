package io.learnscale.quiz.attempt;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/quizzes/{id}/attempts}: the chosen choice ids per question id. */
record AttemptRequest(@NotNull @Size(max = 200) Map<String, @NotNull @Size(max = 50) List<String>> answers) {}
