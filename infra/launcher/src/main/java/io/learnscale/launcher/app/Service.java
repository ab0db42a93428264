package io.learnscale.launcher.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The apps of learnscale, with what the launcher needs to run an instance of each. */
public enum Service {
    GATEWAY("gateway", 8080, 9080, 192, null),
    CONTENT("content-service", 8100, 9100, 160, "content"),
    QUIZ("quiz-service", 8200, 9200, 160, "quiz"),
    SEARCH("search-service", 8300, 9300, 192, null);

    private final String serviceName;
    private final int basePort;
    private final int baseManagementPort;
    private final int heapMegabytes;
    private final String database;

    Service(String serviceName, int basePort, int baseManagementPort, int heapMegabytes, String database) {
        this.serviceName = serviceName;
        this.basePort = basePort;
        this.baseManagementPort = baseManagementPort;
        this.heapMegabytes = heapMegabytes;
        this.database = database;
    }

    /** The name in DESIGN, in instance ids and in instances.json: {@code content-service}. */
    public String serviceName() {
        return serviceName;
    }

    /** The Maven module that builds its jar. */
    public String module() {
        return serviceName;
    }

    /** Instance n listens on base + n locally (the gateway on its own fixed port). */
    public int basePort() {
        return basePort;
    }

    public int baseManagementPort() {
        return baseManagementPort;
    }

    public int heapMegabytes() {
        return heapMegabytes;
    }

    /** Its own PostgreSQL database, if it has one. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public String instanceId(int number) {
        return serviceName + "-" + number;
    }

    /** Accepts {@code content-service}, {@code content} or {@code CONTENT}. */
    public static Optional<Service> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.serviceName.equals(wanted)
                        || s.serviceName.equals(wanted + "-service")
                        || s.name().equalsIgnoreCase(wanted))
                .findFirst();
    }
}
