package io.learnscale.content.topic;

import io.learnscale.support.RequestIds;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** Takes the {@link ChangeOrigin} of the request being served. */
@Component
class ChangeOrigins {

    static final String TRACE_PARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    ChangeOrigins(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    ChangeOrigin current() {
        TraceContext context = tracer.currentTraceContext().context();
        Map<String, String> headers = new HashMap<>();
        if (context != null) {
            propagator.inject(context, headers, Map::put);
        }
        return new ChangeOrigin(MDC.get(RequestIds.MDC_KEY), headers.get(TRACE_PARENT));
    }
}
