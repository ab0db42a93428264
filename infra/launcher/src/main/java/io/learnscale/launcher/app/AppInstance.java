package io.learnscale.launcher.app;

import io.learnscale.launcher.files.Directories;
import io.learnscale.launcher.server.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One running app instance: its own JVM, public port, management port and log files. */
public final class AppInstance {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Service service;
    private final int number;
    private final int port;
    private final int managementPort;
    private final InstanceLogs logs;
    private final Process process;
    private final Duration stopGrace;

    private AppInstance(
            Service service,
            int number,
            int port,
            int managementPort,
            InstanceLogs logs,
            Process process,
            Duration stopGrace) {
        this.service = service;
        this.number = number;
        this.port = port;
        this.managementPort = managementPort;
        this.logs = logs;
        this.process = process;
        this.stopGrace = stopGrace;
    }

    /**
     * Starts the JVM and returns at once; {@link #ready()} tells when it can serve. {@code tempDirectory} is the
     * instance's own and is emptied first: Tomcat leaves a new folder in it at every start.
     */
    public static AppInstance start(
            Service service,
            int number,
            int port,
            int managementPort,
            AppJar jar,
            Map<String, String> environment,
            InstanceLogs logs,
            Path tempDirectory) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m",
                "-Xmx" + service.heapMegabytes() + "m",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxMetaspaceSize=192m",
                "-Djava.io.tmpdir=" + tempDirectory.toAbsolutePath()));
        AppJar.Archiving archiving = jar.archiving(number);
        command.addAll(archiving.jvmOptions());
        command.addAll(List.of("-jar", jar.jar().toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.output().toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(logs.environment());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        builder.environment().put("LEARNSCALE_INSTANCE_ID", service.instanceId(number));
        try {
            Directories.deleteRecursively(tempDirectory);
            Files.createDirectories(tempDirectory);
            return new AppInstance(service, number, port, managementPort, logs, builder.start(), archiving.stopGrace());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service.instanceId(number), e);
        }
    }

    public Service service() {
        return service;
    }

    public int number() {
        return number;
    }

    public String id() {
        return service.instanceId(number);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public InstanceLogs logs() {
        return logs;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code once it has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /** A start that ended before ready, for people: the exit code, and the two files that say why. */
    public String exitedWhileStarting() {
        return "%s exited with code %d while starting; see %s and %s"
                .formatted(id(), exitCode(), logs.log(), logs.output());
    }

    /** Its readiness group answers UP. */
    public boolean ready() {
        if (!process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after the grace period: Spring shuts down gracefully in between. */
    public void stop() {
        Processes.stop(process, stopGrace);
    }

    /** SIGKILL, like {@code kill -9}. */
    public void kill() {
        Processes.kill(process);
    }

    /** SIGSTOP: the process hangs; connections are accepted by the kernel but nothing answers. */
    public void freeze() {
        Processes.signal(process, "STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void resume() {
        Processes.signal(process, "CONT");
    }
}
