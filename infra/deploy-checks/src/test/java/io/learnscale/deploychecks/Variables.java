package io.learnscale.deploychecks;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Which environment variables an app has: the ones its application.yml placeholders read, the relaxed names of the
 * properties it sets, the image's own, a few Spring Boot properties set from outside, and the ones DESIGN has
 * announced and the apps are adding (set ahead, so deployments need no change when they land).
 */
final class Variables {

    /** DESIGN: Security (every app checks JWTs); the gateway's Redis rate limiter (DESIGN: Topology). */
    static final Map<String, Set<String>> ANNOUNCED = Map.of(
            "gateway", Set.of("LEARNSCALE_JWT_SECRET", "REDIS_HOST", "REDIS_PORT"),
            "content-service", Set.of("LEARNSCALE_JWT_SECRET"),
            "quiz-service", Set.of("LEARNSCALE_JWT_SECRET"),
            "search-service", Set.of("LEARNSCALE_JWT_SECRET"));

    /**
     * Spring Boot properties deployments set that no application.yml mentions: the profile (the gateway's demo
     * token endpoint) and the latency histogram the Grafana percentiles need.
     */
    static final Map<String, BootProperty> BOOT_PROPERTIES = Map.of(
            "SPRING_PROFILES_ACTIVE", new BootProperty("spring.profiles.active", null),
            "MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS",
                    new BootProperty("management.metrics.distribution.percentiles-histogram", "http.server.requests"));

    /** The variable that turns on the http.server.requests histogram buckets. */
    static final String HISTOGRAM = "MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS";

    /** A property, or one key of a map property, that a variable sets. */
    record BootProperty(String name, String mapKey) {}

    private Variables() {}

    /** Of the given variables, those the app does not have. */
    static Set<String> unknown(App app, Set<String> given) {
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(app.variables());
        unknown.removeAll(app.propertyVariables().keySet());
        unknown.removeAll(ImageRecipe.variables());
        unknown.removeAll(ANNOUNCED.getOrDefault(app.name(), Set.of()));
        unknown.removeAll(BOOT_PROPERTIES.keySet());
        return unknown;
    }

    /** The property a variable overrides, when it is not a placeholder of its own; null otherwise. */
    static BootProperty propertyOf(App app, String variable) {
        if (app.variables().contains(variable)) {
            return null;
        }
        String property = app.propertyVariables().get(variable);
        if (property != null) {
            return new BootProperty(property, null);
        }
        return BOOT_PROPERTIES.get(variable);
    }

    /** What Spring Boot binds to the property when the environment holds only this one variable. */
    static String bound(String variable, String value, BootProperty property) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value)));
        Binder binder = Binder.get(environment);
        if (property.mapKey() == null) {
            return binder.bind(property.name(), String.class).orElse(null);
        }
        return binder.bind(property.name(), Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .get(property.mapKey());
    }
}
