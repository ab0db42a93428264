package io.learnscale.launcher.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where one instance writes. The app logs to {@code <id>.log} itself (Logback's rolling file, console off), so the log
 * rolls at {@code fileSize} into {@code <id>.<date>.<n>.log} and the rolled ones are deleted beyond {@code totalSize}:
 * the gateway writes one access line per request, 250 MB in one benchmark run. What the JVM prints itself (its
 * warnings, a crash before logging starts) goes to {@code <id>.out}.
 *
 * @param fileSize Logback's size, such as {@code 10MB}
 * @param totalSize the most the rolled files of the instance keep, such as {@code 100MB}
 */
public record InstanceLogs(Path directory, String instanceId, String fileSize, String totalSize) {

    /** Ten files of 10 MB: 400,000 of the gateway's access lines. */
    public static InstanceLogs standard(Path directory, String instanceId) {
        return new InstanceLogs(directory, instanceId, "10MB", "100MB");
    }

    public Path log() {
        return directory.resolve(instanceId + ".log");
    }

    public Path output() {
        return directory.resolve(instanceId + ".out");
    }

    /** Spring Boot's logging properties, as the environment of the app's JVM. */
    Map<String, String> environment() {
        return Map.of(
                "LOGGING_FILE_NAME",
                log().toAbsolutePath().toString(),
                "LOGGING_THRESHOLD_CONSOLE",
                "OFF",
                "SPRING_MAIN_BANNER_MODE",
                "log",
                // ends in .log, so `./learnscale follow` reads the rolled files too
                "LOGGING_LOGBACK_ROLLINGPOLICY_FILE_NAME_PATTERN",
                directory.resolve(instanceId).toAbsolutePath() + ".%d{yyyy-MM-dd}.%i.log",
                "LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE",
                fileSize,
                "LOGGING_LOGBACK_ROLLINGPOLICY_TOTAL_SIZE_CAP",
                totalSize);
    }
}
