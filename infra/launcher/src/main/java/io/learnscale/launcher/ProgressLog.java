package io.learnscale.launcher;

/** Where the stack reports what it is doing. */
@FunctionalInterface
public interface ProgressLog {

    void say(String message);

    /** Prints each message with the seconds since the stack began starting. */
    static ProgressLog console() {
        long started = System.nanoTime();
        return message -> System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, message);
    }
}
