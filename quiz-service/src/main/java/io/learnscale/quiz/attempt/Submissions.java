package io.learnscale.quiz.attempt;

import io.learnscale.quiz.quiz.Quiz;
import io.learnscale.quiz.quiz.QuizCatalog;
import io.learnscale.quiz.quiz.QuizNotFoundException;
import io.learnscale.quiz.user.CurrentUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes an attempt: grades it against the quiz and records it on Kafka, at most once per Idempotency-Key. The
 * answer (201) comes only after the broker acknowledged the event; any failure leaves nothing recorded and the key
 * free for a retry.
 */
@Service
class Submissions {

    private final QuizCatalog catalog;
    private final AttemptPublisher publisher;
    private final IdempotencyRecords idempotency;
    private final CurrentUser currentUser;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    Submissions(
            QuizCatalog catalog,
            AttemptPublisher publisher,
            IdempotencyRecords idempotency,
            CurrentUser currentUser,
            JsonMapper json,
            MeterRegistry meters) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.currentUser = currentUser;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.meters = meters;
    }

    Submission submit(String quizId, AttemptRequest request, Optional<String> idempotencyKey) {
        String user = currentUser.id();
        try {
            Submission submission = idempotencyKey.isPresent()
                    ? submitOnce(user, quizId, request.normalized(), idempotencyKey.get())
                    : new Submission(
                            record(
                                    user,
                                    quizId,
                                    request.normalized(),
                                    UUID.randomUUID().toString()),
                            false);
            count(submission.replayed() ? "replayed" : "recorded");
            return submission;
        } catch (RuntimeException e) {
            count(outcomeOf(e));
            throw e;
        }
    }

    private Submission submitOnce(
            String user, String quizId, Map<String, List<String>> answers, String idempotencyKey) {
        String fingerprint = IdempotencyRecords.sha256(quizId + "\n" + json.writeValueAsString(answers));
        IdempotencyRecords.Outcome outcome = idempotency.claim(user, idempotencyKey, fingerprint);
        if (outcome instanceof IdempotencyRecords.Replay replay) {
            return new Submission(json.readValue(replay.response(), AttemptResult.class), true);
        }
        IdempotencyRecords.Claimed claim = (IdempotencyRecords.Claimed) outcome;
        AttemptResult result;
        try {
            result = record(user, quizId, answers, attemptId(user, idempotencyKey));
        } catch (RuntimeException e) {
            idempotency.release(claim);
            throw e;
        }
        idempotency.complete(claim, json.writeValueAsString(result));
        return new Submission(result, false);
    }

    /** The same user and key always give the same id, so a retry after a lost response cannot count twice. */
    static String attemptId(String user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(
                        ("quiz.attempts\n" + user + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private AttemptResult record(String user, String quizId, Map<String, List<String>> answers, String attemptId) {
        Quiz quiz = catalog.find(quizId).orElseThrow(() -> new QuizNotFoundException(quizId));
        List<AttemptResult.QuestionResult> results = Grader.grade(quiz, answers);
        int score = (int)
                results.stream().filter(AttemptResult.QuestionResult::correct).count();
        Instant submittedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(new AttemptSubmitted(
                attemptId,
                quiz.id(),
                quiz.section(),
                user,
                new LinkedHashMap<>(answers),
                results.stream()
                        .map(r -> new AttemptSubmitted.Result(
                                r.questionId(), r.correct(), r.chosen(), r.correctChoices()))
                        .toList(),
                score,
                results.size(),
                submittedAt));
        return new AttemptResult(attemptId, quiz.id(), score, results.size(), submittedAt, results);
    }

    private static String outcomeOf(RuntimeException e) {
        return switch (e) {
            case InvalidAttemptException ignored -> "invalid";
            case QuizNotFoundException ignored -> "unknown-quiz";
            case AttemptInFlightException ignored -> "in-flight";
            case IdempotencyKeyReusedException ignored -> "key-reused";
            case IdempotencyUnavailableException ignored -> "key-unavailable";
            case AttemptNotRecordedException ignored -> "not-recorded";
            default -> "error";
        };
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(
                        outcome,
                        o -> Counter.builder("quiz.attempts")
                                .description("Attempt submissions by outcome")
                                .tag("outcome", o)
                                .register(meters))
                .increment();
    }

    /** A graded attempt, and whether it is the stored response of an earlier request with the same key. */
    record Submission(AttemptResult result, boolean replayed) {}
}
