package io.learnscale.support.security;

import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Only the user the path names, or an admin: {@code /api/analytics/users/{user}}. */
public final class SelfOrAdmin implements AuthorizationManager<RequestAuthorizationContext> {

    private final String pathVariable;

    private SelfOrAdmin(String pathVariable) {
        this.pathVariable = pathVariable;
    }

    public static SelfOrAdmin of(String pathVariable) {
        return new SelfOrAdmin(pathVariable);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication who = authentication.get();
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        boolean admin = who.getAuthorities().stream().anyMatch(a -> ("ROLE_" + Roles.ADMIN).equals(a.getAuthority()));
        return new AuthorizationDecision(
                admin || who.getName().equals(context.getVariables().get(pathVariable)));
    }
}
