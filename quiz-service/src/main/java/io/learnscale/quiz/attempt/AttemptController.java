package io.learnscale.quiz.attempt;

import io.learnscale.quiz.quiz.Quiz;
import io.learnscale.quiz.quiz.QuizNotFoundException;
import io.learnscale.quiz.quiz.Quizzes;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AttemptController {

    /** Until sign-in exists every attempt is anonymous. */
    static final String ANONYMOUS = "anonymous";

    private final Quizzes quizzes;
    private final AttemptPublisher publisher;
    private final Clock clock;

    AttemptController(Quizzes quizzes, AttemptPublisher publisher) {
        this.quizzes = quizzes;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/api/quizzes/{id}/attempts")
    @ResponseStatus(HttpStatus.CREATED)
    AttemptResult submit(@PathVariable String id, @Valid @RequestBody AttemptRequest request) {
        Quiz quiz = quizzes.findById(id).orElseThrow(() -> new QuizNotFoundException(id));
        List<Grader.QuestionResult> results = Grader.grade(quiz, request.answers());
        int score =
                (int) results.stream().filter(Grader.QuestionResult::correct).count();
        var attempt = new AttemptSubmitted(
                UUID.randomUUID().toString(),
                quiz.id(),
                quiz.section(),
                ANONYMOUS,
                request.answers(),
                results.stream()
                        .map(r -> new AttemptSubmitted.Result(
                                r.questionId(), r.correct(), r.chosen(), r.correctChoices()))
                        .toList(),
                score,
                results.size(),
                Instant.now(clock));
        publisher.publish(attempt);
        return new AttemptResult(attempt.attemptId(), quiz.id(), score, results.size(), results);
    }

    /** What the taker gets back: the score and, per question, the right answer and why. */
    record AttemptResult(
            String attemptId, String quizId, int score, int maxScore, List<Grader.QuestionResult> results) {}
}
