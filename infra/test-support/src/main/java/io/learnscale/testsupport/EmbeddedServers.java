package io.learnscale.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL, Redis and Kafka servers without Docker, one of each per JVM, started on first use on free
 * loopback ports and stopped when the JVM exits.
 */
public final class EmbeddedServers {

    static final String POSTGRES_USER = "postgres";

    private static Postgres postgres;
    private static Redis redis;
    private static Kafka kafka;

    private EmbeddedServers() {}

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = Postgres.start();
        }
        return postgres;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            redis = Redis.start();
        }
        return redis;
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            kafka = Kafka.start();
        }
        return kafka;
    }

    /** A real PostgreSQL server (zonky's binaries, run as a child process). */
    public record Postgres(EmbeddedPostgres server) {

        static Postgres start() {
            ensureTempDirectory();
            try {
                long started = System.nanoTime();
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                log("PostgreSQL", "port " + server.getPort(), started);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server)));
                return new Postgres(server);
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }

        public String jdbcUrl() {
            return server.getJdbcUrl(POSTGRES_USER, POSTGRES_USER);
        }

        private static void close(EmbeddedPostgres server) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }
    }

    /** A real redis-server process. */
    public record Redis(RedisServer server, int port) {

        static Redis start() {
            ensureTempDirectory();
            try {
                long started = System.nanoTime();
                int port = freePort();
                RedisServer server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                log("Redis", "port " + port, started);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
                return new Redis(server, port);
            } catch (IOException e) {
                throw new UncheckedIOException("Redis did not start", e);
            }
        }

        private static void stop(RedisServer server) {
            try {
                server.stop();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }
    }

    /** A real single-node KRaft Kafka broker in this JVM. */
    public record Kafka(EmbeddedKafkaKraftBroker broker) {

        static Kafka start() {
            ensureTempDirectory();
            long started = System.nanoTime();
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
            broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
            broker.afterPropertiesSet();
            log("Kafka", broker.getBrokersAsString(), started);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            return new Kafka(broker);
        }

        public String bootstrapServers() {
            return broker.getBrokersAsString();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Surefire points java.io.tmpdir into target/, where the servers unpack their binaries. */
    private static void ensureTempDirectory() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String server, String where, long startedNanos) {
        System.out.printf(
                "learnscale test infrastructure: embedded %s started at %s in %d ms%n",
                server, where, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
