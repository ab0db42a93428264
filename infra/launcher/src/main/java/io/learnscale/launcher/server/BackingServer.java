package io.learnscale.launcher.server;

import java.nio.file.Path;
import java.util.Optional;

/** A shared server the apps depend on: Kafka, Redis or PostgreSQL. It can be stopped and started again. */
public interface BackingServer extends AutoCloseable {

    String name();

    int port();

    void start();

    void stop();

    boolean running();

    /** The process id while running, or -1. */
    long pid();

    /** The file its output goes to, if the launcher keeps one. */
    default Optional<Path> logFile() {
        return Optional.empty();
    }

    @Override
    default void close() {
        stop();
    }
}
