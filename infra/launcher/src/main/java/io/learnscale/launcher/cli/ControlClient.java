package io.learnscale.launcher.cli;

import io.learnscale.launcher.app.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The other end of {@link ControlServer}. */
final class ControlClient {

    private static final Pattern PID = Pattern.compile("\"pid\":\\s*(\\d+)");
    private static final Pattern URL = Pattern.compile("\"url\":\\s*\"([^\"]+)\"");

    private final String url;
    private final String json;

    private ControlClient(String url, String json) {
        this.url = url;
        this.json = json;
    }

    static Path controlFile(Path home) {
        return home.resolve(".data/launcher.json");
    }

    static ControlClient of(Path home) {
        String json = read(home);
        if (json == null || !alive(json)) {
            throw new IllegalStateException("No stack is running here: start one with ./learnscale run");
        }
        return new ControlClient(match(URL, json), json);
    }

    static void refuseIfRunning(Path home) {
        String json = read(home);
        if (json != null && alive(json)) {
            throw new IllegalStateException("A stack is already running here (launcher pid " + match(PID, json)
                    + "): ./learnscale stop first, or ./learnscale status to see it.");
        }
    }

    /** The running stack's gateway URL. */
    String gateway() {
        return field("gateway");
    }

    /** The running stack's Kafka bootstrap servers. */
    String kafka() {
        return field("kafka");
    }

    /** The running stack's log directory. */
    Path logs() {
        return Path.of(field("logs"));
    }

    private String field(String name) {
        return match(Pattern.compile("\"" + name + "\":\\s*\"([^\"]+)\""), json);
    }

    void scale(Service service, int count) throws IOException, InterruptedException {
        System.out.print(send("POST", "/scale/" + service.serviceName() + "/" + count));
    }

    void status() throws IOException, InterruptedException {
        System.out.print(send("GET", "/status"));
    }

    void stop() throws IOException, InterruptedException {
        System.out.print(send("POST", "/stop"));
    }

    private String send(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + path))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofMinutes(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException(response.body().trim());
        }
        return response.body();
    }

    private static String read(Path home) {
        try {
            return Files.readString(controlFile(home));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean alive(String json) {
        return ProcessHandle.of(Long.parseLong(match(PID, json)))
                .map(ProcessHandle::isAlive)
                .orElse(false);
    }

    private static String match(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("Unreadable " + json);
        }
        return matcher.group(1);
    }
}
