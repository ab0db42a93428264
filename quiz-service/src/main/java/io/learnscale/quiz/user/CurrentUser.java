package io.learnscale.quiz.user;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Component;

/**
 * Who is making the current request: the one place quiz-service takes a user id from. Until sign-in exists every
 * request is {@value #ANONYMOUS}; once a security filter authenticates requests, the principal's name (the JWT
 * {@code sub}) comes through {@link HttpServletRequest#getUserPrincipal()} without a change here.
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
