package io.learnscale.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request bodies above {@code learnscale.gateway.max-request-body} are a 413 problem: a body that announces its
 * length is refused before a byte of it is read; a chunked one is counted as it streams through and refused when
 * it crosses the limit (the upstream request, if any, is aborted). Requests without a body cost one header
 * lookup.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestBodyLimit implements WebFilter {

    private final long maxBytes;
    private final String detail;

    RequestBodyLimit(EdgeProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
        this.detail = "The request body is larger than the " + describe(maxBytes) + " the API accepts.";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        if (length > maxBytes) {
            // the body stays unread on the connection, where it would stall the client's next request: close it
            return Mono.error(tooLarge().header(HttpHeaders.CONNECTION, "close"));
        }
        if (length >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Capped(request)).build());
    }

    private ProblemException tooLarge() {
        return ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, detail);
    }

    private static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    /** A body of unknown length that fails with 413 once more than the limit has come through. */
    private final class Capped extends ServerHttpRequestDecorator {

        Capped(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                long[] seen = {0};
                return super.getBody().map(buffer -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw tooLarge();
                    }
                    return buffer;
                });
            });
        }
    }
}
