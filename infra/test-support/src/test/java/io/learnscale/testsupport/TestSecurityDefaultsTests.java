package io.learnscale.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Every test context trusts the tokens of {@link TestTokens}, whatever the shell that runs the build exported. */
class TestSecurityDefaultsTests {

    @Test
    void theTestKeyWinsOverAnExportedKeyAndIssuer() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            ConfigurableEnvironment environment = context.getEnvironment();
            environment
                    .getPropertySources()
                    .replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                    Map.of(
                                            "LEARNSCALE_JWT_SECRET", "exported-to-run-the-local-stack-0123456789",
                                            "LEARNSCALE_JWT_ISSUER_URI", "https://issuer.example")));
            environment
                    .getPropertySources()
                    .replace(
                            StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                            new MapPropertySource(
                                    StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                                    Map.of("learnscale.jwt.secret", "set-with-minus-d-on-the-command-line-0123")));

            customize(context);

            assertThat(environment.getProperty("learnscale.jwt.secret")).isEqualTo(TestTokens.SECRET);
            assertThat(environment.getProperty("learnscale.jwt.issuer-uri")).isEmpty();
        }
    }

    @Test
    void whatATestSetsItselfWins() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            ConfigurableEnvironment environment = context.getEnvironment();
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "Inlined Test Properties",
                            Map.of("learnscale.jwt.secret", "this-test-wants-its-own-key-0123456789")));

            customize(context);

            assertThat(environment.getProperty("learnscale.jwt.secret"))
                    .isEqualTo("this-test-wants-its-own-key-0123456789");
        }
    }

    @Test
    void everyContextGetsTheSameCustomizerSoContextsAreStillCached() {
        TestSecurityDefaults factory = new TestSecurityDefaults();

        assertThat(factory.createContextCustomizer(String.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(Integer.class, List.of()));
    }

    private static void customize(GenericApplicationContext context) {
        new TestSecurityDefaults()
                .createContextCustomizer(TestSecurityDefaultsTests.class, List.of())
                .customizeContext(context, null);
    }
}
