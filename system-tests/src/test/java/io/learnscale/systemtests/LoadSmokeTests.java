package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.app.Gatling$;
import io.learnscale.launcher.Stack;
import io.learnscale.load.LearnscaleSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The load generator's every scenario, for a few seconds at a few users per second against this stack: the
 * README's load-test command works, and its assertions fail a run that misses them.
 */
@Order(45)
class LoadSmokeTests {

    private static final int SUCCESS = 0;

    private final Stack stack = SystemStack.get();

    @Test
    void theDefaultMixRunsWithoutErrorsAndWritesItsReport() throws IOException {
        Path results = Path.of("target/gatling-smoke");
        int status =
                gatling(Map.of("rate", "4", "duration", "6", "maxErrorPercent", "0", "p95Millis", "10000"), results);

        assertThat(status).isEqualTo(SUCCESS);
        try (Stream<Path> files = Files.walk(results)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).contains("index.html");
        }
    }

    @Test
    void aRunThatMissesItsLatencyBoundFails() {
        int status = gatling(
                Map.of("scenario", "browse", "rate", "2", "duration", "2", "p95Millis", "0"),
                Path.of("target/gatling-smoke-failing"));

        assertThat(status).isNotEqualTo(SUCCESS);
    }

    /** Runs the simulation in this JVM, as {@code gatling:test} would in its own. */
    private int gatling(Map<String, String> options, Path results) {
        System.setProperty("target", stack.gatewayUrl());
        System.setProperty("secret", stack.jwtSecret());
        System.setProperty("scenario", "mix");
        options.forEach(System::setProperty);
        try {
            return Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation",
                LearnscaleSimulation.class.getName(),
                "--results-folder",
                results.toAbsolutePath().toString(),
                "--launcher",
                "maven"
            });
        } finally {
            Stream.of("target", "secret", "scenario", "rate", "duration", "maxErrorPercent", "p95Millis")
                    .forEach(System::clearProperty);
        }
    }
}
