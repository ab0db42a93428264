package io.learnscale.launcher.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.StatusTable;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** Lets {@code ./learnscale scale|status|stop} reach the running stack: HTTP on loopback, found via a file. */
final class ControlServer implements AutoCloseable {

    private final HttpServer server;
    private final Path file;

    private ControlServer(HttpServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    static ControlServer start(Path home, Stack stack, Runnable onStop) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newSingleThreadExecutor());
            server.createContext("/status", exchange -> answer(exchange, 200, StatusTable.render(stack)));
            server.createContext("/scale/", exchange -> scale(exchange, stack));
            server.createContext("/stop", exchange -> {
                answer(exchange, 200, "Stopping the stack\n");
                onStop.run();
            });
            server.start();
            Path file = ControlClient.controlFile(home);
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    {"pid": %d, "url": "http://127.0.0.1:%d", "gateway": "%s", "kafka": "%s", "logs": "%s"}
                    """.formatted(
                            ProcessHandle.current().pid(),
                            server.getAddress().getPort(),
                            stack.gatewayUrl(),
                            stack.kafka().bootstrapServers(),
                            stack.logsDirectory()));
            return new ControlServer(server, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the control port", e);
        }
    }

    private static void scale(HttpExchange exchange, Stack stack) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "POST only\n");
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        try {
            Service service = Service.parse(parts[2])
                    .orElseThrow(() -> new IllegalArgumentException("No service '" + parts[2] + "'."));
            List<AppInstance> running = stack.scale(service, Integer.parseInt(parts[3]));
            answer(
                    exchange,
                    200,
                    "%s now runs %d: %s%n"
                            .formatted(
                                    service.serviceName(),
                                    running.size(),
                                    running.stream().map(AppInstance::id).collect(Collectors.joining(", "))));
        } catch (RuntimeException e) {
            answer(exchange, 400, e.getMessage() + "\n");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is recognised by its dead pid
        }
    }
}
