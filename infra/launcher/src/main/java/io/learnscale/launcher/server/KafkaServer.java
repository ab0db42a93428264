package io.learnscale.launcher.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker in KRaft mode, run from the Kafka jars as a JVM of its own so that it can be
 * stopped and started like a real one. The storage is formatted once; the data survives restarts.
 */
public final class KafkaServer implements BackingServer {

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final Path logFile;
    private Process process;

    public KafkaServer(Path dataDirectory, int port, int controllerPort, String classpath, Path logFile) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Optional<Path> logFile() {
        return Optional.of(logFile);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path logs = dataDirectory.resolve("logs");
            Files.createDirectories(logs);
            Path properties = writeProperties(logs);
            if (!Files.exists(logs.resolve("meta.properties"))) {
                run(List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "--cluster-id=" + clusterId(),
                        "-c",
                        properties.toString(),
                        "--standalone"));
            }
            process = java(List.of("kafka.Kafka", properties.toString())).start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start on port " + port, e);
        }
    }

    private Path writeProperties(Path logs) throws IOException {
        Path file = dataDirectory.resolve("server.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + logs.toAbsolutePath(),
                        "num.partitions=6",
                        "auto.create.topics.enable=false",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=6",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "log.segment.bytes=16777216",
                        ""));
        return file;
    }

    /** Kafka's own random id: base64 that never starts with '-', which its argument parser would take for an option. */
    private static String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private void run(List<String> mainAndArgs) throws IOException {
        Process format = java(mainAndArgs).start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Formatting Kafka's storage failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder java(List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-Dlog4j2.level=WARN",
                "-Djava.io.tmpdir=" + dataDirectory.toAbsolutePath(),
                "-cp",
                classpath));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited at start; see " + logFile);
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    sleepQuietly();
                }
            }
        }
        throw new IllegalStateException("Kafka was not ready within 60 s; see " + logFile);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.stop(process, Duration.ofSeconds(20));
        process = null;
    }

    @Override
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized long pid() {
        return running() ? process.pid() : -1;
    }
}
