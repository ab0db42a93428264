package io.learnscale.deploychecks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one app reads, from its {@code src/main/resources/application.yml}: the environment variables its
 * placeholders name ({@code ${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}}), and the properties it sets, which an
 * environment variable of the relaxed-binding form ({@code SERVER_PORT} for {@code server.port}) overrides.
 */
record App(String name, Map<String, Object> configuration, String rawConfiguration) {

    /** An environment-variable placeholder: upper case, with or without a default. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    static App of(String name) {
        String relative = name + "/src/main/resources/application.yml";
        return new App(name, Repository.yaml(relative), Repository.read(relative));
    }

    static List<App> all() {
        return Repository.APPS.stream().map(App::of).toList();
    }

    /** Every environment variable a placeholder of application.yml names. */
    Set<String> variables() {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(rawConfiguration);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    /**
     * The environment variables that override a property application.yml sets, with that property
     * ({@code SERVER_PORT} → {@code server.port}).
     */
    Map<String, String> propertyVariables() {
        Map<String, String> variables = new TreeMap<>();
        flatten("", configuration).keySet().forEach(property -> variables.put(environmentName(property), property));
        return variables;
    }

    /** A property by its dotted name, as application.yml sets it; null when it does not. */
    Object property(String dottedName) {
        return flatten("", configuration).get(dottedName);
    }

    /** The property's value, or the default of the environment-variable placeholder it holds. */
    String propertyOrDefault(String dottedName) {
        Object value = property(dottedName);
        if (value == null) {
            return null;
        }
        Matcher placeholder = Pattern.compile("^\\$\\{[A-Z][A-Z0-9_]*:(.*)}$").matcher(value.toString());
        return placeholder.matches() ? placeholder.group(1) : value.toString();
    }

    /** Spring Boot's relaxed form of a property name: {@code management.server.port} → {@code MANAGEMENT_SERVER_PORT}. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Map<String, Object> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flat.putAll(flatten(name, (Map<String, Object>) nested));
            } else {
                flat.put(name, value);
            }
        });
        return flat;
    }
}
