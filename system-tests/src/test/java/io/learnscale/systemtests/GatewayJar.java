package io.learnscale.systemtests;

import io.learnscale.launcher.app.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The gateway's built jar, copied, for tests that start a JVM of their own without touching the stack's. */
final class GatewayJar {

    private static final Path HOME = Path.of(System.getProperty("learnscale.home", ".."))
            .toAbsolutePath()
            .normalize();

    private GatewayJar() {}

    static Path copyInto(Path directory) throws IOException {
        Path target = HOME.resolve(Service.GATEWAY.module()).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Path bootJar = files.filter(file -> file.getFileName().toString().matches("gateway-.*\\.jar"))
                    .findFirst()
                    .orElseThrow();
            return Files.copy(bootJar, directory.resolve(bootJar.getFileName()));
        }
    }
}
