package io.learnscale.search.analytics;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Competing consumers: every instance joins the group {@code analytics}, so each attempt is read by one of them. */
@Component
class AttemptListener {

    private static final Logger log = LoggerFactory.getLogger(AttemptListener.class);

    private final Aggregates aggregates;
    private final JsonMapper json;
    private final Validator validator;

    AttemptListener(Aggregates aggregates, JsonMapper json, Validator validator) {
        this.aggregates = aggregates;
        this.json = json;
        this.validator = validator;
    }

    @KafkaListener(topics = "${learnscale.analytics.topic}", groupId = "${learnscale.analytics.group}")
    void onAttempt(ConsumerRecord<String, String> record) {
        AttemptSubmitted event = parse(record);
        boolean applied = aggregates.apply(event.data());
        log.info(
                "Attempt {} from {}-{}@{} {}",
                event.data().attemptId(),
                record.topic(),
                record.partition(),
                record.offset(),
                applied ? "applied" : "already applied");
    }

    private AttemptSubmitted parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new InvalidEventException("Record without a value", null);
        }
        AttemptSubmitted event;
        try {
            event = json.readValue(record.value(), AttemptSubmitted.class);
        } catch (JacksonException e) {
            throw new InvalidEventException("Not an event: " + e.getOriginalMessage(), e);
        }
        if (!AttemptSubmitted.TYPE.equals(event.type()) || event.data() == null) {
            throw new InvalidEventException("Not an AttemptSubmitted event: type " + event.type(), null);
        }
        Set<ConstraintViolation<AttemptSubmitted.Data>> violations = validator.validate(event.data());
        if (!violations.isEmpty()) {
            throw new InvalidEventException("AttemptSubmitted breaks the contract: " + violations, null);
        }
        return event;
    }
}
