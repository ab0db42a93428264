package io.learnscale.quiz.quiz;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/quizzes} and {@code PUT /api/quizzes/{id}}: a whole quiz with its answers. Shapes and
 * limits are checked here (400 with field errors); rules across fields in {@link QuizRules} (422).
 */
@Schema(description = "A whole quiz, answers included; only authors send it, takers never see the answers.")
record QuizRequest(
        @Schema(example = "scaling-techniques")
        @NotBlank
        @Size(max = 80)
        @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
        String id,

        @Schema(description = "The notes' section slug", example = "scaling-techniques")
        @NotBlank
        @Size(max = 80)
        @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
        String section,

        @Schema(example = "Scaling Techniques") @NotBlank @Size(max = 200)
        String title,

        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Question> questions) {

    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    static final String SLUG_MESSAGE = "lowercase letters, digits and single hyphens";
    static final String ID = "[A-Za-z0-9_-]+";
    static final String ID_MESSAGE = "letters, digits, '_' and '-'";

    record Question(
            @Schema(example = "q1") @NotBlank @Size(max = 40) @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 1000) String text,

            @Schema(description = "Shown with the result, never before") @NotBlank @Size(max = 2000)
            String explanation,

            @Schema(
                    description = "The slug of the content topic the question comes from",
                    example = "horizontal-scaling")
            @NotBlank
            @Size(max = 120)
            @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
            String topicSlug,

            @NotNull @Size(min = 2, max = 10) List<@NotNull @Valid Choice> choices) {}

    record Choice(
            @Schema(example = "a") @NotBlank @Size(max = 40) @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @NotBlank @Size(max = 500) String text,

            @Schema(description = "At least one choice per question is correct; several make it multiple choice")
            @NotNull
            Boolean correct) {}

    Quiz toQuiz() {
        return new Quiz(
                id,
                section,
                title.strip(),
                questions.stream()
                        .map(q -> new Quiz.Question(
                                q.id(),
                                q.text().strip(),
                                q.explanation().strip(),
                                q.topicSlug(),
                                q.choices().stream()
                                        .map(c ->
                                                new Quiz.Choice(c.id(), c.text().strip(), c.correct()))
                                        .toList()))
                        .toList());
    }
}
