package io.learnscale.quiz.quiz;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/quizzes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Quizzes", description = "Quizzes written from the notes, and their authoring")
class QuizController {

    private final QuizCatalog catalog;
    private final QuizAuthoring authoring;

    QuizController(QuizCatalog catalog, QuizAuthoring authoring) {
        this.catalog = catalog;
        this.authoring = authoring;
    }

    @GetMapping
    @Operation(summary = "List quizzes", description = "Every quiz, or those of one section of the notes.")
    @ApiResponse(responseCode = "200", description = "The quizzes, by section and id")
    @ApiResponse(
            responseCode = "503",
            description = "The quiz database is unreachable and no cached list can answer; Retry-After says when")
    List<QuizSummary> list(
            @Parameter(description = "A section slug of the notes, e.g. scaling-techniques")
                    @RequestParam(required = false)
                    String section) {
        return catalog.list(section);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "Get a quiz to take",
            description = "Questions and choices, never which choice is right nor the explanations.")
    @ApiResponse(responseCode = "200", description = "The quiz as a taker sees it")
    @ApiResponse(responseCode = "404", description = "No quiz has this id")
    @ApiResponse(
            responseCode = "503",
            description = "The quiz database is unreachable and no cached copy can answer; Retry-After says when")
    QuizView get(@PathVariable String id) {
        return catalog.find(id).map(QuizView::of).orElseThrow(() -> new QuizNotFoundException(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a quiz", description = "For authors. The body carries the answers and explanations.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new quiz")
    @ApiResponse(
            responseCode = "400",
            description = "Malformed JSON, or fields missing or out of their limits (listed in errors)")
    @ApiResponse(responseCode = "409", description = "A quiz with this id exists already")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(
            responseCode = "422",
            description = "A rule is broken: a question without a correct (or a wrong) choice, an id used twice")
    @ApiResponse(responseCode = "503", description = "The quiz database is unreachable; nothing was changed")
    ResponseEntity<QuizView> create(@Valid @RequestBody QuizRequest request) {
        Quiz quiz = authoring.create(request.toQuiz());
        return ResponseEntity.created(URI.create("/api/quizzes/" + quiz.id())).body(QuizView.of(quiz));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Replace a quiz",
            description = "For authors. The whole quiz; the body's id must be the path's.")
    @ApiResponse(responseCode = "200", description = "Replaced; every instance serves the new quiz within seconds")
    @ApiResponse(
            responseCode = "400",
            description = "Malformed JSON, or fields missing or out of their limits (listed in errors)")
    @ApiResponse(responseCode = "404", description = "No quiz has this id")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "422", description = "A rule is broken, or the body's id differs from the path's")
    @ApiResponse(responseCode = "503", description = "The quiz database is unreachable; nothing was changed")
    QuizView replace(@PathVariable String id, @Valid @RequestBody QuizRequest request) {
        return QuizView.of(authoring.replace(id, request.toQuiz()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a quiz", description = "For authors. Attempts already recorded stay on quiz.attempts.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No quiz has this id")
    @ApiResponse(responseCode = "503", description = "The quiz database is unreachable; nothing was changed")
    void delete(@PathVariable String id) {
        authoring.delete(id);
    }

    /** A quiz as a taker sees it: never which choice is right, nor the explanations. */
    record QuizView(String id, String section, String title, List<QuestionView> questions) {
        static QuizView of(Quiz quiz) {
            return new QuizView(
                    quiz.id(),
                    quiz.section(),
                    quiz.title(),
                    quiz.questions().stream().map(QuestionView::of).toList());
        }
    }

    record QuestionView(
            String id,
            String text,

            @Schema(description = "True when more than one choice is right: choose all that apply")
            boolean multiple,

            @Schema(description = "The content topic to read about it: /api/topics/{topicSlug}")
            String topicSlug,

            List<ChoiceView> choices) {
        static QuestionView of(Quiz.Question question) {
            return new QuestionView(
                    question.id(),
                    question.text(),
                    question.multiple(),
                    question.topicSlug(),
                    question.choices().stream()
                            .map(c -> new ChoiceView(c.id(), c.text()))
                            .toList());
        }
    }

    record ChoiceView(String id, String text) {}
}
