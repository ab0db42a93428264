package io.learnscale.search.events;

import io.learnscale.support.RequestIds;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Continues, for a consumed record, the trace of the request that produced it (DESIGN: Events; the producer put
 * {@code traceparent} and {@code request-id} in the headers): a consumer span that is a child of the producer's,
 * and the request id and trace id on the log lines written while it is in scope.
 */
@Component
public class RecordTraces {

    /** The header producers put the request id in. */
    public static final String REQUEST_ID_HEADER = "request-id";

    private static final Propagator.Getter<ConsumerRecord<?, ?>> HEADERS = (record, key) -> header(record, key);

    private final Tracer tracer;
    private final Propagator propagator;

    RecordTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Starts the record's span (not yet in scope): end it with {@link RecordSpan#close()}. */
    public RecordSpan start(ConsumerRecord<?, ?> record, String name) {
        Span span = propagator
                .extract(record, HEADERS)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.kafka.destination.partition", String.valueOf(record.partition()))
                .tag("messaging.kafka.offset", String.valueOf(record.offset()))
                .start();
        return new RecordSpan(tracer, span, requestId(record));
    }

    /** The request that produced the record, or null when none did. */
    public static @Nullable String requestId(ConsumerRecord<?, ?> record) {
        return header(record, REQUEST_ID_HEADER);
    }

    private static @Nullable String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One record's span. */
    public static final class RecordSpan implements AutoCloseable {

        private final Tracer tracer;
        private final Span span;
        private final @Nullable String requestId;

        private RecordSpan(Tracer tracer, Span span, @Nullable String requestId) {
            this.tracer = tracer;
            this.span = span;
            this.requestId = requestId;
        }

        /** Runs the work with the span in scope: its log lines carry the trace id and the record's request id. */
        public void run(Runnable work) {
            String outer = MDC.get(RequestIds.MDC_KEY);
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                if (requestId != null) {
                    MDC.put(RequestIds.MDC_KEY, requestId);
                }
                work.run();
            } catch (RuntimeException e) {
                span.error(e);
                throw e;
            } finally {
                if (outer == null) {
                    MDC.remove(RequestIds.MDC_KEY);
                } else {
                    MDC.put(RequestIds.MDC_KEY, outer);
                }
            }
        }

        /** Marks the span failed, without throwing. */
        public void failed(Throwable error) {
            span.error(error);
        }

        @Override
        public void close() {
            span.end();
        }
    }
}
