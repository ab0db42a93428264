package io.learnscale.quiz.attempt;

import io.learnscale.support.security.ApiAuthorization;
import io.learnscale.support.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may take a quiz (DESIGN: Public API): a signed-in user, that is a valid token with any of the platform's roles.
 * The attempt is recorded under the token's {@code sub} ({@link io.learnscale.quiz.user.CurrentUser}), and so are its
 * Idempotency-Keys.
 */
@Component
class AttemptAccess implements ApiAuthorization {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/api/quizzes/{id}/attempts")
                .hasAnyRole(Roles.USER, Roles.AUTHOR, Roles.ADMIN);
    }
}
