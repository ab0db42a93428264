package io.learnscale.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** When {@code POST /auth/token} exists: enabled, and no issuer signing the tokens instead. */
class TokenEndpointConditionTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Probe.class);

    @Test
    void offByDefault() {
        context.run(started -> assertThat(started).doesNotHaveBean("tokenEndpointIsOn"));
    }

    @Test
    void onWhenEnabled() {
        context.withPropertyValues("learnscale.security.token-endpoint.enabled=true")
                .run(started -> assertThat(started).hasBean("tokenEndpointIsOn"));
    }

    @Test
    void staysOffWithAnIssuerEvenWhenEnabled() {
        context.withPropertyValues(
                        "learnscale.security.token-endpoint.enabled=true",
                        "learnscale.jwt.issuer-uri=https://id.example.org/realms/learnscale")
                .run(started -> assertThat(started).doesNotHaveBean("tokenEndpointIsOn"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Probe {

        @Bean
        @Conditional(TokenEndpoint.Enabled.class)
        String tokenEndpointIsOn() {
            return "on";
        }
    }
}
