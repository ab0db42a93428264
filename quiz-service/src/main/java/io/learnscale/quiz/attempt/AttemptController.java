package io.learnscale.quiz.attempt;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Attempts", description = "Taking a quiz: graded at once, recorded on Kafka before the answer")
class AttemptController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final Submissions submissions;

    AttemptController(Submissions submissions) {
        this.submissions = submissions;
    }

    @PostMapping(
            path = "/api/quizzes/{id}/attempts",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit an attempt", description = """
                    Grades the answers (a question scores 1 when the chosen set equals the correct set) and records \
                    an AttemptSubmitted event on quiz.attempts; the 201 is sent only after the broker acknowledged it. \
                    With an Idempotency-Key, a retry of the same request (same user, key and answers) gets the stored \
                    response and records nothing new, for 24 hours.""")
    @ApiResponse(
            responseCode = "201",
            description =
                    "Graded and recorded (or, with Idempotent-Replayed: true, the stored response of the same earlier request)",
            headers =
                    @Header(
                            name = REPLAYED,
                            description = "true when this is a stored response",
                            schema = @Schema(type = "boolean")))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, answers missing, or an invalid Idempotency-Key")
    @ApiResponse(responseCode = "404", description = "No quiz has this id")
    @ApiResponse(
            responseCode = "409",
            description = "A request with this Idempotency-Key is in flight; Retry-After: 1",
            headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")))
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "422", description = """
                    The answers do not fit the quiz (unknownQuestions, unansweredQuestions, unknownChoices name the ids), \
                    or the Idempotency-Key was used for a different request""")
    @ApiResponse(
            responseCode = "503",
            description = """
                    Nothing was recorded: Kafka did not acknowledge within a few seconds, or (with an Idempotency-Key) \
                    Redis is unreachable, or the quiz cannot be read; Retry-After says when to retry""",
            headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")))
    ResponseEntity<AttemptResult> submit(
            @PathVariable String id,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description =
                                    "Makes retries safe: 1-255 printable ASCII characters, e.g. a UUID per attempt")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @Valid @RequestBody AttemptRequest request) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        Submissions.Submission submission = submissions.submit(id, request, Optional.ofNullable(idempotencyKey));
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (submission.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.body(submission.result());
    }
}
