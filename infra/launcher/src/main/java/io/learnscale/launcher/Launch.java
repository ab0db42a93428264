package io.learnscale.launcher;

import io.learnscale.launcher.app.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds what the build made: each app's jar and the classpath the Kafka broker runs from. */
final class Launch {

    private Launch() {}

    static Path jar(Path home, Service service) {
        Path target = home.resolve(service.module()).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(service.module() + "-"))
                    .filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> notBuilt(service));
        } catch (IOException e) {
            throw notBuilt(service);
        }
    }

    static String kafkaClasspath(Path home) {
        Path file = home.resolve("infra/launcher/target/classpath.txt");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("No " + file + ": build first (./mvnw -DskipTests package)", e);
        }
    }

    private static IllegalStateException notBuilt(Service service) {
        return new IllegalStateException(
                "No jar for " + service.serviceName() + ": build first (./mvnw -B -DskipTests package)");
    }
}
