package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.AppJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher runs each app from its extracted jar with a class-data archive (README: Run it): the first
 * instance's JVM writes the archive when it exits, and the next start maps those classes in instead of loading them.
 */
@Order(12)
class ClassDataSharingTests {

    @TempDir
    Path directory;

    @Test
    void theTestStacksInstancesRunFromTheExtractedJarsAndWriteNoArchive() {
        Stack stack = SystemStack.get();

        for (AppInstance instance : stack.instances()) {
            List<String> arguments = List.of(ProcessHandle.of(instance.pid())
                    .orElseThrow()
                    .info()
                    .arguments()
                    .orElseThrow());
            String launch =
                    stack.options().home().resolve(instance.service().module()).resolve("target/launch") + "/";
            assertThat(arguments)
                    .as(instance.id() + " runs the extracted jar")
                    .anyMatch(argument -> argument.startsWith(launch) && argument.endsWith(".jar"));
            assertThat(arguments)
                    .as(instance.id() + ": writing an archive would hold up the end of the test run")
                    .doesNotContain("-XX:+AutoCreateSharedArchive");
        }
    }

    @Test
    void theArchiveTheFirstRunWritesIsMappedByTheNext() throws Exception {
        AppJar jar = AppJar.of(GatewayJar.copyInto(directory), true, bootJar -> {});
        assertThat(jar.jar()).exists();
        assertThat(jar.jar().resolveSibling("lib")).isDirectory();
        assertThat(jar.archive()).doesNotExist();

        assertThat(run(jar, jar.archiving(1).jvmOptions()))
                .as("the training start")
                .isZero();
        assertThat(jar.archive()).exists();

        Path log = directory.resolve("second.log");
        List<String> mapped = new ArrayList<>(jar.archiving(2).jvmOptions());
        mapped.addAll(List.of("-Xshare:on", "-Xlog:class+load=info:file=" + log));
        assertThat(run(jar, mapped))
                .as("-Xshare:on fails the start when the archive cannot be mapped")
                .isZero();
        try (Stream<String> lines = Files.lines(log)) {
            assertThat(lines.filter(line -> line.contains("source: shared objects file (top)"))
                            .count())
                    .as("classes the second start took from the app's archive")
                    .isGreaterThan(5_000);
        }
    }

    @Test
    void aJarPackagedAgainIsNotExtractedAgainSoItsArchiveStays() throws Exception {
        Path bootJar = GatewayJar.copyInto(directory);
        List<Path> extracted = new ArrayList<>();
        AppJar jar = AppJar.of(bootJar, true, extracted::add);
        assertThat(extracted).as("the first start extracts").containsExactly(bootJar);
        Files.writeString(jar.archive(), "stands in for the archive a run wrote");
        FileTime extractedAt = Files.getLastModifiedTime(jar.jar());

        Files.setLastModifiedTime(bootJar, FileTime.from(Instant.now().plusSeconds(60)));
        AppJar again = AppJar.of(bootJar, true, extracted::add);

        assertThat(again).isEqualTo(jar);
        assertThat(extracted).as("the second start extracts nothing").containsExactly(bootJar);
        assertThat(Files.getLastModifiedTime(again.jar())).isEqualTo(extractedAt);
        assertThat(again.archive()).exists();
    }

    /** Starts the gateway only as far as a refreshed context, then exits: enough to load what a real start loads. */
    private int run(AppJar jar, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dspring.context.exit=onRefresh"));
        command.addAll(options);
        command.addAll(List.of("-jar", jar.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("gateway.log").toFile());
        builder.environment().put("LEARNSCALE_JWT_SECRET", "class-data-sharing-test-key-of-32-bytes!");
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("MANAGEMENT_SERVER_PORT", "0");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not exit: " + Files.readString(directory.resolve("gateway.log")));
        }
        return process.exitValue();
    }
}
