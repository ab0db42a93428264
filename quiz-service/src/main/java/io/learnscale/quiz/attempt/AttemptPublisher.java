package io.learnscale.quiz.attempt;

import io.learnscale.support.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

/**
 * Publishes a graded attempt and returns only once the broker has acknowledged it (acks=all, idempotent producer).
 * The producer gives up within {@code delivery.timeout.ms} (3 s), before {@code publish-timeout} (4 s), so the caller
 * learns the outcome within a few seconds. A broker that is down or unreachable never sees the record. The one
 * ambiguous case is a broker that wrote the record but whose acknowledgement was lost: the attempt id is then what
 * keeps it from counting twice, since a keyed retry carries the same id and consumers apply each id once.
 */
@Component
class AttemptPublisher {

    private static final Logger log = LoggerFactory.getLogger(AttemptPublisher.class);

    static final String REQUEST_ID_HEADER = "request-id";

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final AttemptProperties properties;
    private final Timer acked;
    private final Timer failed;

    AttemptPublisher(
            KafkaTemplate<String, String> kafka, JsonMapper json, AttemptProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
        this.acked = publishTimer(meters, "acked");
        this.failed = publishTimer(meters, "failed");
    }

    void publish(AttemptSubmitted attempt) {
        var event = new EventEnvelope<>(
                attempt.attemptId(), AttemptSubmitted.TYPE, AttemptSubmitted.VERSION, attempt.submittedAt(), attempt);
        var record = new ProducerRecord<>(properties.topic(), attempt.userId(), json.writeValueAsString(event));
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            record.headers().add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        long started = System.nanoTime();
        try {
            SendResult<String, String> sent =
                    kafka.send(record).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            acked.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            log.info(
                    "Attempt {} recorded at {}-{}@{}",
                    attempt.attemptId(),
                    sent.getRecordMetadata().topic(),
                    sent.getRecordMetadata().partition(),
                    sent.getRecordMetadata().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw new AttemptNotRecordedException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw new AttemptNotRecordedException(e);
        }
    }

    private static Timer publishTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("quiz.attempts.publish")
                .description("Time from send to the broker's acknowledgement (or the give-up) of an attempt")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
