package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientKeyResolverTests {

    private final ClientKeyResolver resolver = new ClientKeyResolver();

    @Test
    void aSignedInCallerIsTheirTokensSubject() {
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.post("/api/topics")
                        .remoteAddress(new InetSocketAddress("203.0.113.7", 40000)))
                .principal(named("ada"))
                .build();

        assertThat(resolver.resolve(exchange).block()).isEqualTo("writes:user:ada");
    }

    @Test
    void anAnonymousCallerIsTheirAddress() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/topics").remoteAddress(new InetSocketAddress("203.0.113.7", 40000)));

        assertThat(resolver.resolve(exchange).block()).isEqualTo("reads:address:203.0.113.7");
    }

    @Test
    void getHeadAndOptionsAreReadsEverythingElseWrites() {
        assertThat(RequestKind.of(HttpMethod.GET)).isEqualTo(RequestKind.READS);
        assertThat(RequestKind.of(HttpMethod.HEAD)).isEqualTo(RequestKind.READS);
        assertThat(RequestKind.of(HttpMethod.OPTIONS)).isEqualTo(RequestKind.READS);
        assertThat(RequestKind.of(HttpMethod.POST)).isEqualTo(RequestKind.WRITES);
        assertThat(RequestKind.of(HttpMethod.PATCH)).isEqualTo(RequestKind.WRITES);
        assertThat(RequestKind.of(HttpMethod.DELETE)).isEqualTo(RequestKind.WRITES);
        assertThat(RequestKind.ofKey("writes:user:ada")).isEqualTo(RequestKind.WRITES);
        assertThat(RequestKind.ofKey("reads:user:writes:x")).isEqualTo(RequestKind.READS);
    }

    private static Principal named(String name) {
        return () -> name;
    }
}
