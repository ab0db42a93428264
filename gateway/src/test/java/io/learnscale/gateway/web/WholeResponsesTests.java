package io.learnscale.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class WholeResponsesTests {

    private final Connection connection = new Connection();

    @Test
    void aSmallAnswerOfKnownLengthGoesOutAsOneBuffer() {
        send(2 * 6, "first,", "second");

        assertThat(connection.writes).containsExactly(List.of("first,second"));
    }

    @Test
    void anAnswerOfUnsaidLengthStreamsPieceByPiece() {
        send(-1, "first,", "second");

        assertThat(connection.writes).containsExactly(List.of("first,", "second"));
    }

    @Test
    void anAnswerOverTheLargestStreamsPieceByPiece() {
        String half = "x".repeat((int) WholeResponses.LARGEST / 2 + 1);

        send(2L * half.length(), half, half);

        assertThat(connection.writes).containsExactly(List.of(half, half));
    }

    private void send(long contentLength, String... pieces) {
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/topics"))
                .mutate()
                .response(connection)
                .build();
        if (contentLength >= 0) {
            connection.getHeaders().setContentLength(contentLength);
        }
        Flux<DataBuffer> body = Flux.fromArray(pieces)
                .map(piece -> DefaultDataBufferFactory.sharedInstance.wrap(piece.getBytes(StandardCharsets.UTF_8)));

        new WholeResponses()
                .filter(exchange, routed -> routed.getResponse().writeWith(body))
                .block();
    }

    /** What reaches the connection: each write, as the buffers it was handed one after another. */
    private static final class Connection extends ServerHttpResponseDecorator {

        final List<List<String>> writes = new ArrayList<>();

        Connection() {
            super(new MockServerHttpResponse());
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            List<String> buffers = new ArrayList<>();
            writes.add(buffers);
            return Flux.from(body)
                    .doOnNext(buffer -> buffers.add(buffer.toString(StandardCharsets.UTF_8)))
                    .then();
        }
    }
}
