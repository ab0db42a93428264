package io.learnscale.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context the test JWT key ({@link TestTokens#SECRET}) and no issuer, so the tokens of
 * {@link TestTokens} are the ones it trusts. They rank above the machine's environment and system properties (a shell
 * that exported {@code LEARNSCALE_JWT_SECRET} or {@code LEARNSCALE_JWT_ISSUER_URI} to run the stack must not turn
 * every test's token into a 401) but below what a test sets itself ({@code @SpringBootTest(properties)},
 * {@code @TestPropertySource}, {@code @DynamicPropertySource}).
 */
public final class TestSecurityDefaults implements ContextCustomizerFactory {

    private static final String SOURCE_NAME = "learnscaleTestSecurity";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private record Customizer() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource defaults = new MapPropertySource(
                    SOURCE_NAME, Map.of("learnscale.jwt.secret", TestTokens.SECRET, "learnscale.jwt.issuer-uri", ""));
            if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, defaults);
            } else if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaults);
            } else {
                sources.addLast(defaults);
            }
        }
    }
}
