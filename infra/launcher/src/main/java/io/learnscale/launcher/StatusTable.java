package io.learnscale.launcher;

import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.server.BackingServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What runs where, as a table for people. */
public final class StatusTable {

    private StatusTable() {}

    public static String render(Stack stack) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "URL", "MANAGEMENT", "PID", "LOG"});
        Path home = stack.options().home().toAbsolutePath();
        for (AppInstance instance : stack.instances()) {
            rows.add(new String[] {
                instance.id(),
                instance.url(),
                instance.managementUrl(),
                Long.toString(instance.pid()),
                fromHome(home, instance.logs().log())
            });
        }
        for (BackingServer server : stack.servers()) {
            rows.add(new String[] {
                server.name(),
                "127.0.0.1:" + server.port(),
                "-",
                server.running() ? Long.toString(server.pid()) : "stopped",
                server.logFile().map(log -> fromHome(home, log)).orElse("-")
            });
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        String gateway = stack.gatewayUrl();
        table.append('\n')
                .append("Open:\n")
                .append("  API          ")
                .append(gateway)
                .append("/api/topics\n")
                .append("  instances    ")
                .append(stack.instancesFile())
                .append('\n');
        return table.toString();
    }

    /** A file as the user types it in the project's root. */
    private static String fromHome(Path home, Path file) {
        return home.relativize(file.toAbsolutePath()).toString();
    }
}
