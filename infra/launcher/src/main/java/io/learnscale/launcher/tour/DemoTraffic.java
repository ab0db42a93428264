package io.learnscale.launcher.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * {@code ./learnscale demo}: a steady, bounded, mixed stream of what people do, so the dashboard moves without a
 * load test. About 70 % readers (sections, topics with conditional GETs, search), 25 % quiz takers (a quiz, an
 * attempt with an Idempotency-Key, its analytics), 5 % authors (an edit of one demo topic). The data comes from the
 * running API; tokens from the gateway's demo token endpoint (local and compose profiles).
 */
public final class DemoTraffic {

    static final String DEMO_TOPIC = "demo-traffic";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS =
            List.of("cache", "load balancing", "shard*", "queue", "replica", "pool", "rest", "async", "cdn", "scal*");

    private final String gateway;
    private final double rate;
    private final Duration duration;
    private final HttpClient http;
    private final Random random = new Random();

    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();

    private List<String> sections = List.of();
    private List<String> topics = List.of();
    private List<JsonNode> quizzes = List.of();
    private String authorToken = "";
    private final List<String> userTokens = new ArrayList<>();

    public DemoTraffic(String gatewayUrl, double requestsPerSecond, Duration duration) {
        if (requestsPerSecond <= 0 || requestsPerSecond > 1000) {
            throw new IllegalArgumentException("The rate is between 0 and 1000 requests per second.");
        }
        // bounded, and within the life of the demo tokens (15 minutes)
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("The duration is between 1 s and 10 minutes.");
        }
        this.gateway = gatewayUrl.replaceAll("/$", "");
        this.rate = requestsPerSecond;
        this.duration = duration;
        this.http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** What happened: responses per status, per service the instances that served them, requests sent. */
    public record Summary(long sent, Map<String, Long> statuses, Map<String, Long> servedBy) {

        public long count(String status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    public Summary run(Consumer<String> progress) throws IOException, InterruptedException {
        prepare();
        progress.accept("Sending %.0f requests/s for %d s to %s: %d sections, %d topics, %d quizzes"
                .formatted(rate, duration.toSeconds(), gateway, sections.size(), topics.size(), quizzes.size()));
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nextReport = start + Duration.ofSeconds(10).toNanos();
        long next = start;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            sent.incrementAndGet();
            Thread.ofVirtual().start(this::oneVisit);
            next += interval;
            if (System.nanoTime() >= nextReport) {
                progress.accept(report());
                nextReport += Duration.ofSeconds(10).toNanos();
            }
        }
        Thread.sleep(Duration.ofSeconds(3)); // the last answers
        Summary summary = summary();
        progress.accept("Done. " + report());
        return summary;
    }

    Summary summary() {
        return new Summary(sent.get(), snapshot(statuses), snapshot(servedBy));
    }

    private String report() {
        return "sent %d, answers %s, served by %s".formatted(sent.get(), snapshot(statuses), snapshot(servedBy));
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }

    private void prepare() throws IOException, InterruptedException {
        JsonNode sectionList = JSON.readTree(get("/api/sections"));
        sections = new ArrayList<>();
        sectionList.forEach(section -> sections.add(section.path("slug").asText()));
        List<String> slugs = new ArrayList<>();
        JSON.readTree(get("/api/topics?size=100"))
                .path("content")
                .forEach(topic -> slugs.add(topic.path("slug").asText()));
        topics = slugs;
        List<JsonNode> full = new ArrayList<>();
        for (JsonNode quiz : JSON.readTree(get("/api/quizzes"))) {
            full.add(JSON.readTree(get("/api/quizzes/" + quiz.path("id").asText())));
        }
        quizzes = full;
        if (topics.isEmpty() || quizzes.isEmpty() || sections.isEmpty()) {
            throw new IllegalStateException("The stack at " + gateway + " serves no topics or quizzes yet.");
        }
        authorToken = token("demo-author", "author");
        for (int i = 1; i <= 5; i++) {
            userTokens.add(token("demo-reader-" + i, "user"));
        }
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/topics"))
                .header("Authorization", "Bearer " + authorToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "slug",
                        DEMO_TOPIC,
                        "section",
                        sections.getFirst(),
                        "title",
                        "Demo traffic",
                        "body",
                        "Edited now and then by `./learnscale demo`.")))));
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException(
                    "Could not create the demo topic: " + created.statusCode() + " " + created.body());
        }
    }

    private void oneVisit() {
        int dice = random.nextInt(100);
        try {
            if (dice < 70) {
                read();
            } else if (dice < 95) {
                takeQuiz();
            } else {
                edit();
            }
        } catch (IOException e) {
            count(statuses, "connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() throws IOException, InterruptedException {
        switch (random.nextInt(4)) {
            case 0 -> record(send(HttpRequest.newBuilder(uri("/api/sections"))));
            case 1 -> record(send(HttpRequest.newBuilder(uri("/api/topics?section=" + pick(sections)))));
            case 2 ->
                record(send(HttpRequest.newBuilder(
                        uri("/api/search?q=" + URLEncoder.encode(pick(WORDS), StandardCharsets.UTF_8)))));
            default -> {
                String slug = pick(topics);
                HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/topics/" + slug));
                String etag = etags.get(slug);
                if (etag != null) {
                    request.header("If-None-Match", etag);
                }
                HttpResponse<String> response = send(request);
                response.headers().firstValue("ETag").ifPresent(value -> etags.put(slug, value));
                record(response);
            }
        }
    }

    private void takeQuiz() throws IOException, InterruptedException {
        JsonNode quiz = pick(quizzes);
        String id = quiz.path("id").asText();
        switch (random.nextInt(3)) {
            case 0 -> record(send(HttpRequest.newBuilder(uri("/api/quizzes/" + id))));
            case 1 -> record(send(HttpRequest.newBuilder(uri("/api/analytics/quizzes/" + id))));
            default -> {
                Map<String, List<String>> answers = new TreeMap<>();
                for (JsonNode question : quiz.path("questions")) {
                    JsonNode choices = question.path("choices");
                    answers.put(
                            question.path("id").asText(),
                            List.of(choices.get(random.nextInt(choices.size()))
                                    .path("id")
                                    .asText()));
                }
                record(send(HttpRequest.newBuilder(uri("/api/quizzes/" + id + "/attempts"))
                        .header("Authorization", "Bearer " + pick(userTokens))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("answers", answers))))));
            }
        }
    }

    private void edit() throws IOException, InterruptedException {
        HttpResponse<String> current = send(HttpRequest.newBuilder(uri("/api/topics/" + DEMO_TOPIC)));
        record(current);
        String etag = current.headers().firstValue("ETag").orElse(null);
        if (current.statusCode() != 200 || etag == null) {
            return;
        }
        HttpResponse<String> edited = send(HttpRequest.newBuilder(uri("/api/topics/" + DEMO_TOPIC))
                .header("Authorization", "Bearer " + authorToken)
                .header("Content-Type", "application/merge-patch+json")
                .header("If-Match", etag)
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("title", "Demo traffic, edit " + UUID.randomUUID())))));
        // two authors racing on one ETag: the loser's 412 is the optimistic lock at work, not a failure
        record(edited);
    }

    private void record(HttpResponse<String> response) {
        count(statuses, String.valueOf(response.statusCode()));
        response.headers().firstValue("X-Served-By").ifPresent(instance -> count(servedBy, instance));
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private String token(String user, String role) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("user", user, "roles", List.of(role))))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The gateway gave no token (" + response.statusCode()
                    + "): demo traffic needs the demo token endpoint of the local or compose profile.");
        }
        return JSON.readTree(response.body()).path("token").asText();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(gateway + path);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
