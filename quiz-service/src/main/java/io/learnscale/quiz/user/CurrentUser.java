package io.learnscale.quiz.user;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Component;

/**
 * Who is making the current request: the one place quiz-service takes a user id from. It is the authenticated
 * principal's name, which for a bearer token is its {@code sub} claim (service-support's resource server maps it so),
 * reached through {@link HttpServletRequest#getUserPrincipal()} (Spring Security's servlet API integration). Attempts
 * need a signed-in user, so {@value #ANONYMOUS} only remains for a request no security filter authenticated.
 */
@Component
public class CurrentUser {

    public static final String ANONYMOUS = "anonymous";

    private final HttpServletRequest request;

    /** The request is a proxy that resolves to the current request on each call. */
    CurrentUser(HttpServletRequest request) {
        this.request = request;
    }

    public String id() {
        Principal principal = request.getUserPrincipal();
        return principal != null
                        && principal.getName() != null
                        && !principal.getName().isBlank()
                ? principal.getName()
                : ANONYMOUS;
    }
}
