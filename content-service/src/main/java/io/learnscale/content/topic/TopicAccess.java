package io.learnscale.content.topic;

import io.learnscale.support.security.ApiAuthorization;
import io.learnscale.support.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may change topics (DESIGN: Public API): authors, and admins. Reading topics, sections and the API docs stays
 * public; a token that is presented must be valid all the same (service-support).
 */
@Component
class TopicAccess implements ApiAuthorization {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/api/topics")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/topics/{slug}")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                .requestMatchers(HttpMethod.PATCH, "/api/topics/{slug}")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/api/topics/{slug}")
                .hasAnyRole(Roles.AUTHOR, Roles.ADMIN);
    }
}
