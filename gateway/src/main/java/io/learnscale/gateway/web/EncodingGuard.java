package io.learnscale.gateway.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A path or query whose percent-escapes are not UTF-8 ({@code %C3%28}, a lone surrogate {@code %ED%A0%80}) is a
 * 400 problem at the edge: passed on, Tomcat in the services answers such a path with an HTML page and such a
 * query parameter with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class EncodingGuard implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var uri = exchange.getRequest().getURI();
        if (!decodesAsUtf8(uri.getRawPath()) || !decodesAsUtf8(uri.getRawQuery())) {
            return Mono.error(ProblemException.of(
                    HttpStatus.BAD_REQUEST, "The path or query has percent-escapes that are not UTF-8."));
        }
        return chain.filter(exchange);
    }

    /** Whether every run of percent-escapes decodes to UTF-8; a malformed escape ({@code %G1}) is not. */
    static boolean decodesAsUtf8(@Nullable String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else {
                bytes.put((byte) (c < 0x80 ? c : '?'));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
