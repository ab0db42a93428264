package io.learnscale.launcher.server;

/** A shared server the apps depend on: Kafka, Redis or PostgreSQL. It can be stopped and started again. */
public interface BackingServer extends AutoCloseable {

    String name();

    int port();

    void start();

    void stop();

    boolean running();

    /** The process id while running, or -1. */
    long pid();

    @Override
    default void close() {
        stop();
    }
}
