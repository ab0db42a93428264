package io.learnscale.launcher.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the process id a server wrote into its pid file (the first line). */
final class PidFiles {

    private PidFiles() {}

    static long read(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
