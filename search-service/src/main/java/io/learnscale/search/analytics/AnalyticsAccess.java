package io.learnscale.search.analytics;

import io.learnscale.support.security.ApiAuthorization;
import io.learnscale.support.security.Roles;
import io.learnscale.support.security.SelfOrAdmin;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may read what of analytics (DESIGN: Public API): a user's progress is for that user or an admin; everything
 * under {@code /api/admin/}, the rebuild and its status included, is for admins. Search, quiz statistics and the
 * leaderboard stay public; a token that is presented must be valid all the same (service-support).
 */
@Component
class AnalyticsAccess implements ApiAuthorization {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/api/analytics/users/{user}")
                .access(SelfOrAdmin.of("user"))
                .requestMatchers("/api/admin/**")
                .hasRole(Roles.ADMIN);
    }
}
