package io.learnscale.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's id and trace id in the logging MDC around a statement that logs about that request:
 * {@code try (var ignored = RequestLogContext.of(exchange)) { log.warn(...); }}.
 *
 * <p>The gateway does not copy thread locals across every reactive step ({@code spring.reactor.context-propagation:
 * limited}): doing so for every request cost about a third of its CPU. So the MDC is empty on its event loops, and
 * the few places that log about a request say which request.
 */
public final class RequestLogContext implements AutoCloseable {

    static final String TRACE_ID_MDC_KEY = "traceId";
    private static final String TRACE_ID_ATTRIBUTE = RequestLogContext.class.getName() + ".traceId";

    private final boolean putRequestId;
    private final boolean putTraceId;

    private RequestLogContext(@Nullable String requestId, @Nullable String traceId) {
        putRequestId = requestId != null && MDC.get(RequestIds.MDC_KEY) == null;
        putTraceId = traceId != null && MDC.get(TRACE_ID_MDC_KEY) == null;
        if (putRequestId) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        if (putTraceId) {
            MDC.put(TRACE_ID_MDC_KEY, traceId);
        }
    }

    /** Opens the request's log context; values already in the MDC stay as they are. */
    public static RequestLogContext of(ServerWebExchange exchange) {
        return new RequestLogContext(
                exchange.getAttribute(RequestIds.ATTRIBUTE), exchange.getAttribute(TRACE_ID_ATTRIBUTE));
    }

    /** Remembers the trace id of the request's server span, for the log lines written about the request later. */
    static void rememberTraceId(ServerWebExchange exchange) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(Span::context)
                .ifPresent(span -> exchange.getAttributes().put(TRACE_ID_ATTRIBUTE, span.traceId()));
    }

    @Override
    public void close() {
        if (putRequestId) {
            MDC.remove(RequestIds.MDC_KEY);
        }
        if (putTraceId) {
            MDC.remove(TRACE_ID_MDC_KEY);
        }
    }
}
