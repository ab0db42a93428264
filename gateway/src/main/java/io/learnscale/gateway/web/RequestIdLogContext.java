package io.learnscale.gateway.web;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Lets the request id travel in the Reactor context and appear in the logging MDC on whichever thread handles
 * the request ({@code spring.reactor.context-propagation=auto}).
 */
@Component
class RequestIdLogContext {

    RequestIdLogContext() {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        RequestIds.MDC_KEY,
                        () -> MDC.get(RequestIds.MDC_KEY),
                        id -> MDC.put(RequestIds.MDC_KEY, id),
                        () -> MDC.remove(RequestIds.MDC_KEY));
    }
}
