package io.learnscale.gateway.security;

import static io.learnscale.gateway.security.Roles.ADMIN;
import static io.learnscale.gateway.security.Roles.AUTHOR;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Who may call what through the gateway, DESIGN's Public API table as rules (first match wins). Reads are public
 * except a user's own analytics and the admin API; every write needs the role DESIGN names; a write the table does
 * not list is refused here (401 without a token, 403 with one) and never reaches a service.
 *
 * <pre>
 * method                   path                                   who
 * OPTIONS                  /**                                    anyone (CORS preflight)
 * any                      /actuator/**                           anyone (the management port only serves it)
 * POST                     /auth/token                            anyone (404 unless the demo endpoint is on)
 * GET, HEAD                /api/analytics/users                   admin
 * GET, HEAD                /api/analytics/users/{user}/**         that user, or admin
 * any                      /api/admin/**                          admin
 * GET, HEAD                /** (API, Swagger UI, /v3/api-docs/**) anyone
 * POST, PUT, PATCH, DELETE /api/topics/**                         author, admin
 * POST                     /api/quizzes                           author, admin
 * PUT, DELETE              /api/quizzes/{id}                      author, admin
 * POST                     /api/quizzes/{id}/attempts             any signed-in user
 * anything else                                                   nobody
 * </pre>
 *
 * A request that presents a token has it checked before any rule: an invalid, expired, forged or unsigned one is
 * a 401 even where anyone may read.
 */
final class AccessRules {

    private AccessRules() {}

    static void apply(AuthorizeExchangeSpec rules) {
        rules.pathMatchers(HttpMethod.OPTIONS, "/**")
                .permitAll()
                .pathMatchers("/actuator/**")
                .permitAll()
                .pathMatchers(HttpMethod.POST, "/auth/token")
                .permitAll()
                .matchers(reads("/api/analytics/users"))
                .hasRole(ADMIN)
                .matchers(reads("/api/analytics/users/{user}/**"))
                .access(SelfOrAdmin.of("user"))
                .pathMatchers("/api/admin/**")
                .hasRole(ADMIN)
                .matchers(reads("/**"))
                .permitAll()
                .pathMatchers(HttpMethod.POST, "/api/topics/**")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.PUT, "/api/topics/**")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.PATCH, "/api/topics/**")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.DELETE, "/api/topics/**")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.POST, "/api/quizzes")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.PUT, "/api/quizzes/{id}")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.DELETE, "/api/quizzes/{id}")
                .hasAnyRole(AUTHOR, ADMIN)
                .pathMatchers(HttpMethod.POST, "/api/quizzes/{id}/attempts")
                .authenticated()
                .anyExchange()
                .denyAll();
    }

    private static ServerWebExchangeMatcher reads(String pattern) {
        return new OrServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, pattern),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, pattern));
    }
}
