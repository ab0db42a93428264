package io.learnscale.systemtests;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A steady stream of reads and quiz attempts through the gateway while a fault runs, counted exactly: every request
 * sent ends as accepted (200 read, 201 attempt), refused (503 problem+json with Retry-After: nothing recorded) or
 * failed (anything else, or no answer). Each reader and each attempt is its own client, so the rate limiter stays
 * out of the way.
 */
final class Traffic implements AutoCloseable {

    /** How attempts carry an Idempotency-Key. */
    enum Keys {
        NONE,
        /** every third attempt: few enough that the quiz-service breaker at the gateway stays closed */
        EVERY_THIRD
    }

    /** One attempt's outcome, for assertions on what happened when. */
    record Attempt(long sentAtNanos, boolean keyed, int status, long millis, String detail) {}

    private final String gateway;
    private final String quiz;
    private final String answers;
    private final Keys keys;
    private final List<String> readPaths;
    private final ScheduledExecutorService clients;
    private final AtomicInteger readsSent = new AtomicInteger();
    private final AtomicInteger readsOk = new AtomicInteger();
    private final AtomicLong slowestReadMillis = new AtomicLong();
    private final List<String> readFailures = Collections.synchronizedList(new ArrayList<>());
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attemptNumber = new AtomicInteger();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Traffic(
            String gateway, String quiz, Keys keys, List<String> readPaths, int readers, int attemptsPerSecond) {
        this.gateway = gateway;
        this.quiz = quiz;
        this.answers = answersFor(gateway, quiz);
        this.keys = keys;
        this.readPaths = List.copyOf(readPaths);
        this.clients = Executors.newScheduledThreadPool(readers + 2);
        for (int r = 0; r < readers; r++) {
            String reader = Tokens.bearer("reader-" + run + "-" + r, "user");
            AtomicInteger next = new AtomicInteger(r);
            // 20 reads/s per reader, well inside its budget of 50/s
            clients.scheduleAtFixedRate(() -> read(reader, next.getAndIncrement()), r * 7L, 50, TimeUnit.MILLISECONDS);
        }
        if (attemptsPerSecond > 0) {
            long period = 1000 / attemptsPerSecond;
            // two senders, so one slow answer does not stall the stream
            clients.scheduleAtFixedRate(this::attempt, 0, period * 2, TimeUnit.MILLISECONDS);
            clients.scheduleAtFixedRate(this::attempt, period, period * 2, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts reading {@code readPaths} and posting attempts on {@code quiz} at once. */
    static Traffic start(String gateway, String quiz, Keys keys, List<String> readPaths) {
        return new Traffic(gateway, quiz, keys, readPaths, 2, 8);
    }

    private void read(String reader, int n) {
        String path = readPaths.get(n % readPaths.size());
        readsSent.incrementAndGet();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response =
                    Http.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", reader));
            slowestReadMillis.accumulateAndGet(millisSince(started), Math::max);
            if (response.statusCode() == 200) {
                readsOk.incrementAndGet();
            } else {
                readFailures.add("GET %s: %d %s".formatted(path, response.statusCode(), abbreviate(response.body())));
            }
        } catch (RuntimeException e) {
            readFailures.add("GET %s: no answer (%s)".formatted(path, e.getMessage()));
        }
    }

    private void attempt() {
        int n = attemptNumber.incrementAndGet();
        boolean keyed = keys == Keys.EVERY_THIRD && n % 3 == 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/api/quizzes/" + quiz + "/attempts"))
                .header("Content-Type", "application/json")
                .header("Authorization", Tokens.bearer("taker-" + run + "-" + n, "user"))
                .POST(HttpRequest.BodyPublishers.ofString(answers));
        if (keyed) {
            request.header("Idempotency-Key", "fault-" + run + "-" + n);
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = Http.send(request);
            String detail = "";
            if (response.statusCode() != 201) {
                detail = response.headers().firstValue("Content-Type").orElse("-") + " Retry-After="
                        + response.headers().firstValue("Retry-After").orElse("-") + " "
                        + abbreviate(response.body());
            }
            attempts.add(new Attempt(started, keyed, response.statusCode(), millisSince(started), detail));
        } catch (RuntimeException e) {
            attempts.add(new Attempt(started, keyed, -1, millisSince(started), "no answer: " + e.getMessage()));
        }
    }

    /** Stops sending and waits for the requests in flight. */
    @Override
    public void close() {
        clients.shutdown();
        try {
            if (!clients.awaitTermination(30, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clients.shutdownNow();
        }
    }

    int readsSent() {
        return readsSent.get();
    }

    int readsOk() {
        return readsOk.get();
    }

    List<String> readFailures() {
        return List.copyOf(readFailures);
    }

    long slowestReadMillis() {
        return slowestReadMillis.get();
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    int attemptsAccepted() {
        return (int) attempts().stream().filter(a -> a.status() == 201).count();
    }

    /** 503 problem+json with Retry-After: the service said nothing was recorded. */
    List<Attempt> attemptsRefused() {
        return attempts().stream()
                .filter(a -> a.status() == 503
                        && a.detail().startsWith("application/problem+json")
                        && !a.detail().contains("Retry-After=-"))
                .toList();
    }

    /** Neither accepted nor properly refused. */
    List<Attempt> attemptsFailed() {
        List<Attempt> refused = attemptsRefused();
        return attempts().stream()
                .filter(a -> a.status() != 201 && !refused.contains(a))
                .toList();
    }

    long slowestAttemptMillis() {
        return attempts().stream().mapToLong(Attempt::millis).max().orElse(0);
    }

    /** The figures a fault test prints: sent, accepted, refused, failed, and the analytics count. */
    String figures(String fault, int counted) {
        Map<Integer, Long> byStatus = attempts().stream()
                .collect(Collectors.groupingBy(Attempt::status, LinkedHashMap::new, Collectors.counting()));
        return ("FAULT %s: reads sent=%d ok=%d failed=%d (slowest %d ms); attempts sent=%d accepted=%d refused=%d"
                        + " failed=%d counted=%d (slowest %d ms, by status %s)")
                .formatted(
                        fault,
                        readsSent(),
                        readsOk(),
                        readFailures.size(),
                        slowestReadMillis(),
                        attempts().size(),
                        attemptsAccepted(),
                        attemptsRefused().size(),
                        attemptsFailed().size(),
                        counted,
                        slowestAttemptMillis(),
                        byStatus);
    }

    /** Attempts the analytics have counted for a quiz. */
    static int counted(String gateway, String quiz) {
        HttpResponse<String> response = Http.get(gateway + "/api/analytics/quizzes/" + quiz);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("analytics answered " + response.statusCode() + ": " + response.body());
        }
        return JsonPath.<Integer>read(response.body(), "$.attempts");
    }

    /** A valid attempt body for any quiz: the first choice of every question. */
    static String answersFor(String gateway, String quiz) {
        String body = Http.get(gateway + "/api/quizzes/" + quiz).body();
        List<String> questions = JsonPath.read(body, "$.questions[*].id");
        return questions.stream()
                .map(q -> "\"%s\": [\"%s\"]"
                        .formatted(
                                q,
                                JsonPath.<List<String>>read(body, "$.questions[?(@.id == '" + q + "')].choices[0].id")
                                        .getFirst()))
                .collect(Collectors.joining(", ", "{\"answers\": {", "}}"));
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
