package io.learnscale.search.analytics;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a record of {@code quiz.attempts}, or says why it breaks the contract (DESIGN: Events). */
@Component
class AttemptReader {

    private final JsonMapper json;
    private final Validator validator;

    AttemptReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    AttemptSubmitted.Data read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new InvalidEventException("Record without a value", null);
        }
        AttemptSubmitted event;
        try {
            event = json.readValue(record.value(), AttemptSubmitted.class);
        } catch (JacksonException e) {
            throw new InvalidEventException("Not an event: " + e.getOriginalMessage(), e);
        }
        if (event == null || !AttemptSubmitted.TYPE.equals(event.type()) || event.data() == null) {
            throw new InvalidEventException(
                    "Not an AttemptSubmitted event: type " + (event == null ? null : event.type()), null);
        }
        AttemptSubmitted.Data data = event.data();
        Set<ConstraintViolation<AttemptSubmitted.Data>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(
                    "AttemptSubmitted breaks the contract: "
                            + violations.stream()
                                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                                    .sorted()
                                    .collect(Collectors.joining(", ")),
                    null);
        }
        if (data.score() > data.maxScore()) {
            throw new InvalidEventException(
                    "AttemptSubmitted breaks the contract: score " + data.score() + " > maxScore " + data.maxScore(),
                    null);
        }
        return data;
    }
}
