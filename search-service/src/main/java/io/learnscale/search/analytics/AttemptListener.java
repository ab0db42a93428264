package io.learnscale.search.analytics;

import io.learnscale.search.events.RecordTraces;
import io.learnscale.search.events.RecordTraces.RecordSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Competing consumers: every instance joins the group {@code analytics}, so each attempt is read by one of them. A
 * batch of records is applied by one Redis script; offsets are committed after it, so a crash in between only means
 * a redelivery, which the script ignores.
 *
 * <p>A record that breaks the contract fails the batch at its index: the records before it are applied and
 * committed, it is retried a few times and then dead-lettered ({@link AnalyticsKafkaConfig}), and the records after
 * it follow. When Redis fails, the batch fails at its first record and is retried, with back-off, until Redis is
 * back: never dead-lettered.
 */
@Component
class AttemptListener {

    private static final Logger log = LoggerFactory.getLogger(AttemptListener.class);

    private final Aggregates aggregates;
    private final AttemptReader reader;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter infrastructureFailures;
    private final RecordTraces traces;

    AttemptListener(Aggregates aggregates, AttemptReader reader, MeterRegistry registry, RecordTraces traces) {
        this.aggregates = aggregates;
        this.traces = traces;
        this.reader = reader;
        this.applied = Counter.builder("learnscale.analytics.attempts")
                .description("Attempts applied to the aggregates")
                .tag("outcome", "applied")
                .register(registry);
        this.duplicates = Counter.builder("learnscale.analytics.attempts")
                .description("Attempts applied to the aggregates")
                .tag("outcome", "duplicate")
                .register(registry);
        this.infrastructureFailures = Counter.builder("learnscale.analytics.infrastructure.failures")
                .description("Batches that failed because Redis did not answer; retried with back-off")
                .register(registry);
    }

    @KafkaListener(
            id = "analytics",
            topics = "${learnscale.analytics.topic}",
            groupId = "${learnscale.analytics.group}",
            clientIdPrefix = "${learnscale.instance-id}",
            concurrency = "${learnscale.analytics.concurrency:1}",
            batch = "true")
    void onAttempts(List<ConsumerRecord<String, String>> records) {
        List<RecordSpan> spans = new ArrayList<>(records.size());
        try {
            records.forEach(record -> spans.add(traces.start(record, "analytics apply")));
            List<AttemptSubmitted.Data> attempts = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                try {
                    attempts.add(reader.read(records.get(i)));
                } catch (InvalidEventException e) {
                    apply(attempts, records, spans);
                    spans.get(i).failed(e);
                    throw new BatchListenerFailedException(e.getMessage(), e, i);
                }
            }
            apply(attempts, records, spans);
        } finally {
            spans.forEach(RecordSpan::close);
        }
    }

    private void apply(
            List<AttemptSubmitted.Data> attempts,
            List<ConsumerRecord<String, String>> records,
            List<RecordSpan> spans) {
        if (attempts.isEmpty()) {
            return;
        }
        int fresh;
        try {
            fresh = aggregates.apply(attempts);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.failed(e));
            infrastructureFailures.increment();
            log.warn(
                    "The aggregates could not be updated ({}); {} attempts from {}-{}@{} will be retried",
                    e.toString(),
                    attempts.size(),
                    records.getFirst().topic(),
                    records.getFirst().partition(),
                    records.getFirst().offset());
            throw new BatchListenerFailedException("The aggregates could not be updated: " + e.getMessage(), e, 0);
        }
        applied.increment(fresh);
        duplicates.increment(attempts.size() - fresh);
        for (int i = 0; i < attempts.size(); i++) {
            AttemptSubmitted.Data attempt = attempts.get(i);
            ConsumerRecord<String, String> record = records.get(i);
            // one line per attempt, in its request's trace: where a request can be followed to (README)
            spans.get(i)
                    .run(() -> log.info(
                            "Applied attempt {} of {} on {} ({}/{}) from {}-{}@{}",
                            attempt.attemptId(),
                            attempt.userId(),
                            attempt.quizId(),
                            attempt.score(),
                            attempt.maxScore(),
                            record.topic(),
                            record.partition(),
                            record.offset()));
        }
        ConsumerRecord<String, String> first = records.getFirst();
        log.debug(
                "Applied {} of {} attempts from {}-{}@{}",
                fresh,
                attempts.size(),
                first.topic(),
                first.partition(),
                first.offset());
    }
}
