package io.learnscale.load.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The machine a measurement came from, and how busy it was: every report carries both. */
public final class Machine {

    private Machine() {}

    public static String describe() {
        return "%d cores (%s), %.1f GiB, %s %s, JDK %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
                        firstValue(Path.of("/proc/meminfo"), "MemTotal")
                                        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")))
                                        .orElse(0L)
                                / 1024.0
                                / 1024.0,
                        System.getProperty("os.name"),
                        System.getProperty("os.version"),
                        System.getProperty("java.version"));
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
