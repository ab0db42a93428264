package io.learnscale.gateway.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Errors raised while a request is handled: by the gateway's routing and proxying (a missing route, a timeout,
 * an unreachable upstream) as much as by any controller the gateway gets. All become {@link GatewayProblems}.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private final GatewayProblems problems;

    ProblemAdvice(GatewayProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> handleAnyOther(Exception ex, ServerWebExchange exchange) {
        return Mono.just(problems.entity(exchange, ex, null));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception ex,
            @Nullable Object body,
            @Nullable HttpHeaders headers,
            HttpStatusCode status,
            ServerWebExchange exchange) {
        return Mono.just(problems.entity(exchange, ex, headers));
    }
}
