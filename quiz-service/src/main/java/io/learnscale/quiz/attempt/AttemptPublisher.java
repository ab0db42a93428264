package io.learnscale.quiz.attempt;

import io.learnscale.support.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Publishes a graded attempt and returns only once the broker has acknowledged it (acks=all). */
@Component
class AttemptPublisher {

    private static final Logger log = LoggerFactory.getLogger(AttemptPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final AttemptProperties properties;

    AttemptPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, AttemptProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    void publish(AttemptSubmitted attempt) {
        var event = new EventEnvelope<>(
                attempt.attemptId(), AttemptSubmitted.TYPE, AttemptSubmitted.VERSION, attempt.submittedAt(), attempt);
        var record = new ProducerRecord<>(properties.topic(), attempt.userId(), json.writeValueAsString(event));
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            record.headers().add("request-id", requestId.getBytes(StandardCharsets.UTF_8));
        }
        try {
            SendResult<String, String> sent =
                    kafka.send(record).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "Attempt {} recorded at {}-{}@{}",
                    attempt.attemptId(),
                    sent.getRecordMetadata().topic(),
                    sent.getRecordMetadata().partition(),
                    sent.getRecordMetadata().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptNotRecordedException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new AttemptNotRecordedException(e);
        }
    }
}
