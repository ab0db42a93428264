package io.learnscale.deploychecks;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The Actuator endpoints an app serves on its management port, from its application.yml. */
final class Health {

    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";
    static final String PROMETHEUS = "/actuator/prometheus";

    private Health() {}

    /** The health groups the app has: liveness and readiness with probes enabled, plus those it declares. */
    static Set<String> groupsOf(App app) {
        Set<String> groups = new TreeSet<>();
        if (Boolean.TRUE.equals(app.property("management.endpoint.health.probes.enabled"))) {
            groups.add("liveness");
            groups.add("readiness");
        }
        Object declared = Compose.at(app.configuration(), "management.endpoint.health.group");
        if (declared instanceof Map<?, ?> map) {
            map.keySet().forEach(group -> groups.add(String.valueOf(group)));
        }
        return groups;
    }

    /** The web endpoints the app exposes (management.endpoints.web.exposure.include). */
    static Set<String> exposedEndpoints(App app) {
        Object include = app.property("management.endpoints.web.exposure.include");
        Set<String> endpoints = new TreeSet<>();
        if (include != null) {
            Arrays.stream(include.toString().split(",")).map(String::strip).forEach(endpoints::add);
        }
        return endpoints;
    }

    /** Where Actuator is, relative to the management port's root ("/actuator" unless the app moves it). */
    static String basePath(App app) {
        Object basePath = app.property("management.endpoints.web.base-path");
        return basePath == null ? "/actuator" : basePath.toString();
    }

    /** The path of a health group, when the app has that group and exposes health. */
    static String groupPath(App app, String group) {
        if (!groupsOf(app).contains(group) || !exposedEndpoints(app).contains("health")) {
            return null;
        }
        return basePath(app) + "/health/" + group;
    }
}
