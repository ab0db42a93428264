package io.learnscale.launcher.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real redis-server process; an append-only file in its folder keeps the data across restarts. */
public final class RedisServer implements BackingServer {

    private final Path dataDirectory;
    private final int port;
    private redis.embedded.RedisServer server;

    public RedisServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            server = redis.embedded.RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("pidfile " + dataDirectory.resolve("redis.pid").toAbsolutePath())
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("maxmemory 256mb")
                    .build();
            server.start();
        } catch (IOException e) {
            server = null;
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public synchronized long pid() {
        return server == null ? -1 : PidFiles.read(dataDirectory.resolve("redis.pid"));
    }
}
