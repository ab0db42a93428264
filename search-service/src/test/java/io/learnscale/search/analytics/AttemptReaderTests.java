package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** Reads what quiz-service writes to quiz.attempts (sample in src/test/resources/events). */
class AttemptReaderTests {

    private final AttemptReader reader = new AttemptReader(
            JsonMapper.builder().build(),
            Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void readsTheAttemptSubmittedQuizServiceWrites() throws IOException {
        AttemptSubmitted.Data attempt = reader.read(record(
                new ClassPathResource("events/attempt-submitted-v1.json").getContentAsString(StandardCharsets.UTF_8)));

        assertThat(attempt.attemptId()).isEqualTo("0b5d7c1e-2f43-4d7e-9f3a-5d2f0a1c9e11");
        assertThat(attempt.quizId()).isEqualTo("scaling-techniques");
        assertThat(attempt.section()).isEqualTo("scaling-techniques");
        assertThat(attempt.userId()).isEqualTo("anonymous");
        assertThat(attempt.score()).isEqualTo(1);
        assertThat(attempt.maxScore()).isEqualTo(2);
        assertThat(attempt.resultsOrEmpty())
                .containsExactly(new AttemptSubmitted.Result("q1", true), new AttemptSubmitted.Result("q2", false));
    }

    @Test
    void recordsThatBreakTheContractAreInvalid() {
        List<String> broken = List.of(
                "not json",
                "{}",
                "{\"type\": \"QuizCreated\", \"data\": {}}",
                event("\"attemptId\": \"a\", \"quizId\": \"\", \"section\": \"s\", \"userId\": \"u\", \"score\": 1,"
                        + " \"maxScore\": 1"),
                event("\"attemptId\": \"a\", \"quizId\": \"q\", \"section\": \"s\", \"userId\": \"u\", \"score\": 3,"
                        + " \"maxScore\": 2"),
                event("\"attemptId\": \"a\", \"quizId\": \"q\", \"section\": \"s\", \"userId\": \"u\", \"score\": 1,"
                        + " \"maxScore\": 0"),
                event("\"attemptId\": \"a\", \"quizId\": \"q\", \"section\": \"s\", \"userId\": \"u\", \"score\": 1,"
                        + " \"maxScore\": 1, \"results\": [{\"correct\": true}]"),
                event(
                        "\"attemptId\": \"a\", \"quizId\": \"q\", \"section\": \"s\", \"userId\": \"u\", \"score\": \"x\","
                                + " \"maxScore\": 1"));
        for (String value : broken) {
            assertThatThrownBy(() -> reader.read(record(value))).as(value).isInstanceOf(InvalidEventException.class);
        }
        assertThatThrownBy(() -> reader.read(record(null))).isInstanceOf(InvalidEventException.class);
    }

    private static String event(String data) {
        return "{\"id\": \"a\", \"type\": \"AttemptSubmitted\", \"version\": 1, \"data\": {" + data + "}}";
    }

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>("quiz.attempts", 0, 0, "ada", value);
    }
}
