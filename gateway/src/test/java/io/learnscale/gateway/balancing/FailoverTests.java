package io.learnscale.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

class FailoverTests {

    private final MockServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.get("/api/topics").build());

    @Test
    void aConnectionRefusedOrNotMadeInTimeGotNoResponse() {
        assertThat(Failover.failedBeforeAnyResponse(exchange, new ConnectException("Connection refused")))
                .isTrue();
        assertThat(Failover.failedBeforeAnyResponse(exchange, new ConnectTimeoutException("connect timed out")))
                .isTrue();
    }

    @Test
    void aConnectionClosedOrResetBeforeTheResponseGotNoResponse() {
        assertThat(Failover.failedBeforeAnyResponse(exchange, PrematureCloseException.TEST_EXCEPTION))
                .isTrue();
        assertThat(Failover.failedBeforeAnyResponse(
                        exchange, new IllegalStateException(new IOException("Connection reset by peer"))))
                .isTrue();
    }

    @Test
    void aPooledConnectionClosedBeforeSendingGotNoResponse() {
        // what a kill -9 leaves in the connection pool (seen in system-tests)
        assertThat(Failover.failedBeforeAnyResponse(
                        exchange,
                        new reactor.netty.channel.AbortedException("Connection has been closed BEFORE send operation")))
                .isTrue();
    }

    @Test
    void aTimeoutIsNoReasonToSendAgain() {
        assertThat(Failover.failedBeforeAnyResponse(exchange, new TimeoutException()))
                .isFalse();
        assertThat(Failover.failedBeforeAnyResponse(exchange, new SocketTimeoutException("Read timed out")))
                .isFalse();
        assertThat(Failover.failedBeforeAnyResponse(
                        exchange,
                        new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "late", new TimeoutException())))
                .isFalse();
    }

    @Test
    void afterTheResponseHeadersNothingIsSentAgain() {
        exchange.getAttributes().put(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR, new Object());

        assertThat(Failover.failedBeforeAnyResponse(exchange, new IOException("Connection reset by peer")))
                .isFalse();
    }

    @Test
    void otherErrorsAreNoReasonToSendAgain() {
        assertThat(Failover.failedBeforeAnyResponse(exchange, new IllegalArgumentException("bad")))
                .isFalse();
    }
}
