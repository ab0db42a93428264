package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.AppJar;
import io.learnscale.launcher.app.InstanceLogs;
import io.learnscale.launcher.app.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each instance logs to its own file, which rolls at a size and keeps a bounded history (README: Run it); what
 * its JVM prints itself goes to a file apart; a start that fails names both. Its temporary files stay in a folder
 * of its own, emptied when it starts, so restarts leave nothing behind.
 */
@Order(13)
class InstanceFilesTests {

    private static final String KEY = "instance-files-test-key-of-32-bytes!";

    @TempDir
    Path directory;

    @Test
    void everyInstanceOfTheStackLogsToItsOwnFileAndNotToItsOutput() throws IOException {
        Stack stack = SystemStack.get();

        for (AppInstance instance : stack.instances()) {
            assertThat(Files.readString(instance.logs().log()))
                    .as(instance.id() + "'s log")
                    .contains("INFO [" + instance.id() + "]")
                    .contains(":: Spring Boot ::");
            assertThat(Files.readString(instance.logs().output()))
                    .as(instance.id() + "'s output: what the JVM prints itself, no log line twice")
                    .doesNotContain("[" + instance.id() + "]");
        }
    }

    @Test
    void everyInstanceOfTheStackKeepsItsTemporaryFilesInAFolderOfItsOwn() throws IOException {
        Stack stack = SystemStack.get();
        Path temp = stack.options().dataDirectory().resolve("tmp");

        for (AppInstance instance : stack.instances()) {
            assertThat(temp.resolve(instance.id()))
                    .as(instance.id() + "'s temporary folder")
                    .isDirectory();
            if (instance.service() != Service.GATEWAY) {
                assertThat(names(temp.resolve(instance.id())))
                        .as("Tomcat's folders, for the public and the management port")
                        .anyMatch(name -> name.startsWith("tomcat." + instance.port() + "."))
                        .anyMatch(name -> name.startsWith("tomcat." + instance.managementPort() + "."));
            }
        }
        assertThat(names(temp))
                .as("nothing of an instance's beside the folders")
                .noneMatch(name -> name.startsWith("tomcat"));
    }

    @Test
    void anInstanceStartsWithItsTemporaryFolderEmpty() throws Exception {
        Path stale = Files.createDirectories(directory.resolve("tmp/gateway-1/tomcat.8080.1234"))
                .resolve("left-by-an-earlier-start");
        Files.writeString(stale, "stale");

        exitedGateway(
                InstanceLogs.standard(Files.createDirectories(directory.resolve("logs")), "gateway-1"),
                Map.of("JAVA_TOOL_OPTIONS", "-Dspring.context.exit=onRefresh", "LEARNSCALE_JWT_SECRET", KEY));

        assertThat(directory.resolve("tmp/gateway-1")).isDirectory();
        assertThat(stale.getParent()).as("what an earlier start left").doesNotExist();
    }

    @Test
    void anInstancesLogRollsAtItsSizeAndKeepsNoMoreThanItsCap() throws Exception {
        Path logs = Files.createDirectories(directory.resolve("logs"));
        InstanceLogs capped = new InstanceLogs(logs, "gateway-1", "500B", "1500B");

        // the gateway logs its start as far as a refreshed context (4 KB), then exits
        AppInstance gateway = exitedGateway(
                capped, Map.of("JAVA_TOOL_OPTIONS", "-Dspring.context.exit=onRefresh", "LEARNSCALE_JWT_SECRET", KEY));
        assertThat(gateway.exitCode())
                .as(Files.readString(capped.output()) + Files.readString(capped.log()))
                .isZero();

        Map<Integer, Long> rolled = rolledFiles(logs);
        assertThat(rolled.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1))
                .as("the last of the files the log rolled into, numbered from 0: " + rolled)
                .isGreaterThanOrEqualTo(3);
        assertThat(rolled)
                .as("rolled at 500 B, so 500 B and one message at most")
                .allSatisfy((index, size) -> assertThat(size).isLessThan(500 + 1024));
        assertThat(rolled).as("the oldest, deleted for the 1500 B cap").doesNotContainKey(0);
        assertThat(rolled.values().stream().mapToLong(Long::longValue).sum())
                .as("the rolled files together")
                .isLessThanOrEqualTo(1500 + 500 + 1024);
        assertThat(Files.readString(capped.log())).contains("INFO [gateway-1]");
        assertThat(Files.readString(capped.output()))
                .as("the JVM's own output")
                .contains("Picked up JAVA_TOOL_OPTIONS")
                .doesNotContain("INFO [gateway-1]");
    }

    @Test
    void aStartThatFailsNamesBothFilesAndTheLogSaysWhy() throws Exception {
        Path logs = Files.createDirectories(directory.resolve("logs"));
        InstanceLogs files = InstanceLogs.standard(logs, "gateway-1");

        AppInstance gateway = exitedGateway(files, Map.of("LEARNSCALE_JWT_SECRET", "too-short"));

        assertThat(gateway.exitedWhileStarting())
                .isEqualTo("gateway-1 exited with code 1 while starting; see %s and %s"
                        .formatted(logs.resolve("gateway-1.log"), logs.resolve("gateway-1.out")));
        assertThat(Files.readString(files.log()))
                .contains("The JWT key is too short: set LEARNSCALE_JWT_SECRET to a key of at least 32 bytes");
    }

    /** The gateway, from a copy of its jar, through the launcher's own start, once it has exited. */
    private AppInstance exitedGateway(InstanceLogs logs, Map<String, String> environment) throws IOException {
        AppJar jar = AppJar.of(GatewayJar.copyInto(directory), false, bootJar -> {});
        AppInstance gateway =
                AppInstance.start(Service.GATEWAY, 1, 0, 0, jar, environment, logs, directory.resolve("tmp/gateway-1"));
        await(gateway.id() + "'s exit").atMost(Duration.ofMinutes(3)).until(() -> !gateway.alive());
        return gateway;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    /** The size of each {@code gateway-1.<date>.<n>.log}, by n. */
    private static Map<Integer, Long> rolledFiles(Path logs) throws IOException {
        Pattern rolled = Pattern.compile("gateway-1\\.\\d{4}-\\d\\d-\\d\\d\\.(\\d+)\\.log");
        Map<Integer, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = rolled.matcher(file.getFileName().toString());
                if (name.matches()) {
                    sizes.put(Integer.parseInt(name.group(1)), Files.size(file));
                }
            }
        }
        return sizes;
    }
}
