package io.learnscale.quiz.quiz;

import io.learnscale.support.security.ApiAuthorization;
import io.learnscale.support.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may change quizzes (DESIGN: Public API): authors, and admins. Reading them stays public; a token that is
 * presented must be valid all the same (service-support).
 */
@Component
class QuizAccess implements ApiAuthorization {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/api/quizzes")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/quizzes/{id}")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/api/quizzes/{id}")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN);
    }
}
