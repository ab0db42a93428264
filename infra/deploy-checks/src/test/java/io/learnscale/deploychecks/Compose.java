package io.learnscale.deploychecks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml, read as Docker Compose reads it: YAML with merge keys, then {@code ${VAR:-default}}. */
final class Compose {

    static final String PATH = "docker-compose.yml";

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}; defaults without nested braces. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

    private final Map<String, Object> file;

    private Compose(Map<String, Object> file) {
        this.file = file;
    }

    static Compose load() {
        return new Compose(Repository.yaml(PATH));
    }

    Map<String, Object> file() {
        return file;
    }

    Map<String, Map<String, Object>> services() {
        return asMap(file.get("services"));
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The services built from this repository (the apps), by service name. */
    Map<String, Map<String, Object>> builtServices() {
        Map<String, Map<String, Object>> built = new TreeMap<>();
        services().forEach((name, service) -> {
            if (service.containsKey("build")) {
                built.put(name, service);
            }
        });
        return built;
    }

    /** The service's environment as the container gets it: interpolated with the defaults (nothing set in the shell). */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> variables = new TreeMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(String.valueOf(key), value == null ? "" : interpolate(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? interpolate(pair[1]) : "");
            }
        }
        return variables;
    }

    /** Host ports the service publishes. */
    Set<Integer> publishedPorts(String service) {
        Object ports = service(service).get("ports");
        Set<Integer> published = new TreeSet<>();
        if (ports instanceof List<?> list) {
            for (Object port : list) {
                if (port instanceof Map<?, ?> longSyntax) {
                    Object hostPort = longSyntax.get("published");
                    if (hostPort != null) {
                        published.add(Integer.parseInt(interpolate(hostPort)));
                    }
                } else {
                    String[] parts = interpolate(port).split("/")[0].split(":");
                    if (parts.length < 2) {
                        throw new AssertionError(service + " publishes container port " + port
                                + " on a random host port; publish explicitly or not at all");
                    }
                    published.add(Integer.parseInt(parts[parts.length - 2]));
                }
            }
        }
        return published;
    }

    /** The value Compose would use when none of the referenced variables is set in the shell. */
    static String interpolate(Object raw) {
        String value = String.valueOf(raw);
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String fallback = matcher.group(3) == null ? "" : matcher.group(3);
            matcher.appendReplacement(result, Matcher.quoteReplacement(fallback));
        }
        matcher.appendTail(result);
        return result.toString().replace("$$", "$");
    }

    /** The defaults given to shell variables, by variable name: {@code ${LEARNSCALE_JWT_SECRET:-...}}. */
    Map<String, String> variableDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        Matcher matcher = INTERPOLATION.matcher(Repository.read(PATH));
        while (matcher.find()) {
            if (matcher.group(3) != null) {
                defaults.put(matcher.group(1), matcher.group(3));
            }
        }
        return defaults;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> asMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, Map<String, Object>> map = new LinkedHashMap<>();
        ((Map<String, Object>) value).forEach((key, entry) -> map.put(key, (Map<String, Object>) entry));
        return map;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> map, String dottedPath) {
        Object current = map;
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> level)) {
                return null;
            }
            current = ((Map<String, Object>) level).get(key);
        }
        return current;
    }
}
