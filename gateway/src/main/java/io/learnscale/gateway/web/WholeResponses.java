package io.learnscale.gateway.web;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a routed answer of known, small length to the client in one write, headers and body together. Reactor
 * Netty flushes the headers of a streamed body on their own, then each piece as it comes; an answer that states
 * its length (the services send every answer whole, with {@code Content-Length}) and is at most {@link #LARGEST}
 * bytes is gathered first, which takes no longer, since its client could not use half of it. Longer or open-ended
 * answers still stream.
 */
@Component
final class WholeResponses implements GlobalFilter, Ordered {

    static final long LARGEST = 64 * 1024;

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(
                exchange.mutate().response(new Whole(exchange.getResponse())).build());
    }

    private static final class Whole extends ServerHttpResponseDecorator {

        Whole(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            long length = getHeaders().getContentLength();
            if (length < 0 || length > LARGEST || body instanceof Mono) {
                return super.writeWith(body);
            }
            return super.writeWith(DataBufferUtils.join(body));
        }
    }
}
