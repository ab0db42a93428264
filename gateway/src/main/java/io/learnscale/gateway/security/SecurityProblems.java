package io.learnscale.gateway.security;

import io.learnscale.gateway.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 in the words the services use, as problem+json through the gateway's own error handling
 * ({@link ProblemException}: the stable type, the request id): 401 with the RFC 6750 {@code WWW-Authenticate}
 * challenge when a token is missing or bad, 403 when the token's roles do not allow the request; and a 400 for a
 * path Spring Security's firewall refuses ({@code ..}, an encoded slash, {@code ;}, {@code //}), which it would
 * otherwise answer with an empty body.
 */
final class SecurityProblems
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean badToken = ex instanceof OAuth2AuthenticationException;
        return Mono.error(ProblemException.of(
                        HttpStatus.UNAUTHORIZED,
                        badToken
                                ? "The token is invalid or expired."
                                : "This needs a token: send Authorization: Bearer <token>.")
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge(ex)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Mono.error(ProblemException.of(HttpStatus.FORBIDDEN, "Your roles do not allow this."));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return Mono.error(ProblemException.of(
                HttpStatus.BAD_REQUEST,
                "The request path is not in a form the API accepts: no '.' or '..' segments, encoded slashes,"
                        + " ';' or '//'."));
    }

    /** {@code Bearer}, with {@code error}, {@code error_description} and {@code error_uri} for a bad token. */
    static String challenge(AuthenticationException ex) {
        if (!(ex instanceof OAuth2AuthenticationException oauth)) {
            return "Bearer";
        }
        OAuth2Error error = oauth.getError();
        List<String> parameters = new ArrayList<>(3);
        parameters.add(parameter("error", error.getErrorCode()));
        if (error.getDescription() != null && !error.getDescription().isBlank()) {
            parameters.add(parameter("error_description", error.getDescription()));
        }
        if (error.getUri() != null && !error.getUri().isBlank()) {
            parameters.add(parameter("error_uri", error.getUri()));
        }
        return "Bearer " + String.join(", ", parameters);
    }

    private static String parameter(String name, String value) {
        return name + "=\"" + value.replace('"', '\'').replace('\\', '/') + "\"";
    }
}
