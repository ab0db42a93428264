package io.learnscale.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Words every error the gateway itself produces as RFC 9457 problem+json with a stable type, the request id and
 * no internals: a bad token request (400, with the invalid fields), no or a bad token (401, with its
 * {@code WWW-Authenticate}), roles that do not allow it (403), no route (404), a method the API does not speak
 * (405), a body too large (413), a client over its rate limit (429 with Retry-After), an upstream that
 * hung up without answering (502), an upstream that cannot be reached or whose circuit is open (503 with
 * Retry-After), an upstream that answers too slowly (504). Responses the services give are not errors here and
 * pass through untouched.
 *
 * <p>Errors raised while a request is being handled (routing, proxying) reach it through {@link ProblemAdvice};
 * errors raised around that (web filters) through {@link RequestTagFilter} and {@link ProblemErrorHandler}.
 */
@Component
class GatewayProblems {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final ServerResponse.Context context;
    private final ProblemProperties properties;

    GatewayProblems(ServerCodecConfigurer codecs, ProblemProperties properties) {
        this.context = new WriterContext(codecs.getWriters());
        this.properties = properties;
    }

    /** The problem response for an error, for handlers that write it themselves. */
    ResponseEntity<Object> entity(ServerWebExchange exchange, Throwable error, @Nullable HttpHeaders extraHeaders) {
        Problem problem;
        try (var ignored = RequestLogContext.of(exchange)) {
            problem = classify(exchange, error);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail());
        body.setType(
                problem.type() != null
                        ? problem.type()
                        : ProblemTypes.forStatus(problem.status().value()));
        problem.properties().forEach(body::setProperty);
        instance(exchange).ifPresent(body::setInstance);
        if (exchange.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            body.setProperty("requestId", requestId);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.headers());
        if (extraHeaders != null) {
            extraHeaders.forEach((name, values) -> {
                if (!headers.containsHeader(name)) {
                    headers.put(name, values);
                }
            });
        }
        return ResponseEntity.status(problem.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /** Writes the problem response for an error, unless the response has already started. */
    Mono<Void> write(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            try (var ignored = RequestLogContext.of(exchange)) {
                log.warn("Response failed after it had started: {}", error.toString());
            }
            return Mono.error(error);
        }
        ResponseEntity<Object> entity = entity(exchange, error, null);
        return ServerResponse.status(entity.getStatusCode())
                .headers(headers -> headers.addAll(entity.getHeaders()))
                .bodyValue(entity.getBody())
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private Problem classify(ServerWebExchange exchange, Throwable error) {
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        if (error instanceof ProblemException problem) {
            HttpStatus status = HttpStatus.valueOf(problem.getStatusCode().value());
            HttpHeaders headers = new HttpHeaders();
            headers.addAll(problem.getHeaders());
            if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                retryAfter(headers);
            }
            URI type = problem.getBody().getType();
            Map<String, Object> properties = problem.getBody().getProperties();
            return new Problem(
                    status,
                    problem.detail(),
                    headers,
                    ABOUT_BLANK.equals(type) ? null : type,
                    properties != null ? properties : Map.of());
        }
        if (error instanceof ErrorResponse response) {
            return fromStatus(exchange, response.getStatusCode(), response.getHeaders(), error);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                log.warn("Upstream of route {} is unreachable: {}", routeId(exchange), cause.toString());
                return new Problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The service behind " + path + " cannot be reached; retry later.",
                        retryAfter(new HttpHeaders()));
            }
            if (cause instanceof IOException) {
                log.warn("Upstream of route {} failed before answering: {}", routeId(exchange), cause.toString());
                return new Problem(
                        HttpStatus.BAD_GATEWAY,
                        "The service behind " + path + " closed the connection without an answer.",
                        new HttpHeaders());
            }
        }
        log.error("Unexpected gateway error on {} {}", method, path, error);
        return new Problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred in the gateway; quote the request id.",
                new HttpHeaders());
    }

    private Problem fromStatus(ServerWebExchange exchange, HttpStatusCode code, HttpHeaders given, Throwable error) {
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(given);
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = code.is5xxServerError() ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "Nothing is served at " + path + ".";
            case METHOD_NOT_ALLOWED -> method + " is not allowed for " + path + ".";
            case SERVICE_UNAVAILABLE -> {
                log.warn("No instance for route {}: {}", routeId(exchange), error.getMessage());
                retryAfter(headers);
                yield "No instance of the service behind " + path + " is available; retry later.";
            }
            case GATEWAY_TIMEOUT -> {
                log.warn("Upstream of route {} did not answer in time", routeId(exchange));
                yield "The service behind " + path + " did not answer in time.";
            }
            default -> {
                if (status.is5xxServerError()) {
                    log.error("Gateway error on {} {}", method, path, error);
                }
                yield status.getReasonPhrase() + ".";
            }
        };
        return new Problem(status, detail, headers);
    }

    /** The configured {@code Retry-After}, unless the error brought its own (an open circuit knows better). */
    private HttpHeaders retryAfter(HttpHeaders headers) {
        if (!headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, properties.retryAfter().toSeconds())));
        }
        return headers;
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null ? route.getId() : "-";
    }

    private static Optional<URI> instance(ServerWebExchange exchange) {
        try {
            return Optional.of(URI.create(exchange.getRequest().getPath().value()));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    private record Problem(
            HttpStatus status,
            String detail,
            HttpHeaders headers,
            @Nullable URI type,
            Map<String, Object> properties) {

        Problem(HttpStatus status, String detail, HttpHeaders headers) {
            this(status, detail, headers, null, Map.of());
        }
    }

    private record WriterContext(List<HttpMessageWriter<?>> messageWriters) implements ServerResponse.Context {

        @Override
        public List<ViewResolver> viewResolvers() {
            return List.of();
        }
    }
}
