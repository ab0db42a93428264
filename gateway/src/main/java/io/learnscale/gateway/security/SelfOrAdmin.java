package io.learnscale.gateway.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/** Only the user the path names, or an admin: {@code /api/analytics/users/{user}}. */
final class SelfOrAdmin implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final AuthorizationResult DENIED = new AuthorizationDecision(false);
    private static final AuthorizationResult GRANTED = new AuthorizationDecision(true);
    private static final String ADMIN = Roles.authority(Roles.ADMIN);

    private final String pathVariable;

    private SelfOrAdmin(String pathVariable) {
        this.pathVariable = pathVariable;
    }

    static SelfOrAdmin of(String pathVariable) {
        return new SelfOrAdmin(pathVariable);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Object named = context.getVariables().get(pathVariable);
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(who -> isAdmin(who) || who.getName().equals(named) ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    private static boolean isAdmin(Authentication who) {
        return who.getAuthorities().stream().anyMatch(authority -> ADMIN.equals(authority.getAuthority()));
    }
}
