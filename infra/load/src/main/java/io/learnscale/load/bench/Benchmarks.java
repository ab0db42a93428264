package io.learnscale.load.bench;

import io.learnscale.load.Catalog;
import io.learnscale.load.TokenSigner;
import io.learnscale.load.experiment.OpenLoop;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fixed-rate benchmarks against the running local stack ({@code ./learnscale run --benchmark}); each prints one
 * {@code RESULT|figure|value|target|met|detail} line that {@code infra/bench/benchmarks.sh} puts in its table.
 *
 * <pre>
 *   half-rate &lt;gateway max req/s&gt;   gateway vs direct latency at half the gateway's max rate (one content instance)
 *   cache                              cached vs uncached (Redis entry deleted before each read) p99, direct, fixed rate
 *   attempt-ramp &lt;wrk's attempts/s&gt;  the highest attempt rate this load generator keeps up open-loop (steps)
 *   e2e &lt;max attempts/s&gt;            attempt → analytics visible, under attempts at 80 % of the max rate
 *   failover &lt;req/s&gt;                   one of three content instances killed during fixed-rate reads
 * </pre>
 */
public final class Benchmarks {

    private static final String TOPIC = "/api/topics/horizontal-scaling";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final LocalStack stack;

    private Benchmarks(LocalStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("learnscale.home", "."))
                .toAbsolutePath()
                .normalize();
        Benchmarks benchmarks = new Benchmarks(LocalStack.read(home));
        switch (args.length == 0 ? "" : args[0]) {
            case "half-rate" -> benchmarks.halfRate(Double.parseDouble(args[1]));
            case "cache" -> benchmarks.cache();
            case "attempt-ramp" -> benchmarks.attemptRamp(Double.parseDouble(args[1]));
            case "e2e" -> benchmarks.endToEnd(Double.parseDouble(args[1]));
            case "failover" -> benchmarks.failover(Double.parseDouble(args[1]));
            default -> {
                System.err.println(
                        "usage: Benchmarks half-rate <gateway max req/s> | cache | attempt-ramp <wrk's attempts/s> | e2e <max attempts/s> | failover <req/s>");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** At half the gateway's max rate: what it adds at p50, and its p99 against the service's own. */
    private void halfRate(double gatewayMax) {
        double rate = gatewayMax / 2;
        String direct = stack.instance("content-service-1").url() + TOPIC;
        String gateway = stack.gatewayUrl() + TOPIC;
        try (OpenLoop load = new OpenLoop(512, Duration.ofSeconds(10))) {
            load.run(rate, Duration.ofSeconds(10), n -> HttpRequest.newBuilder(URI.create(direct)));
            OpenLoop.Result straight =
                    load.run(rate, Duration.ofSeconds(15), n -> HttpRequest.newBuilder(URI.create(direct)));
            load.run(rate, Duration.ofSeconds(10), n -> HttpRequest.newBuilder(URI.create(gateway)));
            OpenLoop.Result edge =
                    load.run(rate, Duration.ofSeconds(15), n -> HttpRequest.newBuilder(URI.create(gateway)));
            double added = edge.percentileMillis(50) - straight.percentileMillis(50);
            double ratio = edge.percentileMillis(99) / straight.percentileMillis(99);
            String detail =
                    "%.0f req/s for 15 s; direct p50 %.2f / p99 %.2f ms, gateway p50 %.2f / p99 %.2f ms; errors %.2f %% / %.2f %%"
                            .formatted(
                                    rate,
                                    straight.percentileMillis(50),
                                    straight.percentileMillis(99),
                                    edge.percentileMillis(50),
                                    edge.percentileMillis(99),
                                    straight.errorRate() * 100,
                                    edge.errorRate() * 100);
            result(
                    "gateway adds at p50, at half its max rate",
                    "%.2f ms".formatted(added),
                    "≤ 1 ms",
                    added <= 1,
                    detail);
            result(
                    "gateway p99 ÷ direct p99, at half its max rate",
                    "%.2f×".formatted(ratio),
                    "≤ 2×",
                    ratio <= 2,
                    detail);
        }
    }

    /** The same read with its Redis entry present, then deleted just before each request (a miss: PostgreSQL). */
    private void cache() throws IOException {
        double rate = Double.parseDouble(System.getProperty("cacheRate", "100"));
        LocalStack.Instance content = stack.instance("content-service-1");
        List<String> slugs = Catalog.read(stack.gatewayUrl()).topicSlugs();
        int redisPort = Integer.parseInt(System.getProperty("redisPort", "16379"));
        try (OpenLoop load = new OpenLoop(512, Duration.ofSeconds(10));
                Socket redis = new Socket("127.0.0.1", redisPort)) {
            OutputStream toRedis = redis.getOutputStream();
            Thread.ofPlatform().daemon().start(() -> drain(redis));
            load.run(rate, Duration.ofSeconds(10), n -> topic(content, slugs, n));
            OpenLoop.Result cached = load.run(rate, Duration.ofSeconds(15), n -> topic(content, slugs, n));
            load.run(rate, Duration.ofSeconds(5), n -> uncached(toRedis, content, slugs, n));
            OpenLoop.Result uncached =
                    load.run(rate, Duration.ofSeconds(15), n -> uncached(toRedis, content, slugs, n));
            double ratio = cached.percentileMillis(99) / uncached.percentileMillis(99);
            result(
                    "cached ÷ uncached p99, same fixed rate",
                    "%.2f".formatted(ratio),
                    "≤ 0.3",
                    ratio <= 0.3,
                    "GET /api/topics/{slug} straight to content-service-1 at %.0f req/s for 15 s; cached p50 %.2f / p99 %.2f ms, uncached (Redis entry deleted first) p50 %.2f / p99 %.2f ms"
                            .formatted(
                                    rate,
                                    cached.percentileMillis(50),
                                    cached.percentileMillis(99),
                                    uncached.percentileMillis(50),
                                    uncached.percentileMillis(99)));
        }
    }

    private static HttpRequest.Builder topic(LocalStack.Instance content, List<String> slugs, long n) {
        return HttpRequest.newBuilder(URI.create(content.url() + "/api/topics/" + slugs.get((int) (n % slugs.size()))));
    }

    private static HttpRequest.Builder uncached(
            OutputStream redis, LocalStack.Instance content, List<String> slugs, long n) {
        String key = "content:v1:topic:" + slugs.get((int) (n % slugs.size()));
        String command = "*2\r\n$3\r\nDEL\r\n$" + key.getBytes(StandardCharsets.UTF_8).length + "\r\n" + key + "\r\n";
        try {
            redis.write(command.getBytes(StandardCharsets.UTF_8));
            redis.flush();
        } catch (IOException e) {
            throw new IllegalStateException("Redis went away", e);
        }
        return topic(content, slugs, n);
    }

    private static void drain(Socket redis) {
        try {
            redis.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // closed at the end
        }
    }

    /**
     * wrk's closed-loop maximum is more than this generator can send and the stack answer at once: both share the
     * cores, and a Java client costs more per request than wrk. So the rate rises in 5 s steps of 10 % of wrk's
     * maximum from 30 % ({@link OpenLoop#ramp}: until a step is not all accepted or its p99 passes half a second);
     * the last step that held is this generator's maximum, the e2e row's 100 %.
     */
    private void attemptRamp(double wrkMaximum) throws IOException {
        String gateway = stack.gatewayUrl();
        Catalog catalog = Catalog.read(gateway);
        List<String> learners = learners(new TokenSigner(stack.secret()));
        List<Double> rates = new ArrayList<>();
        for (int percent = 30; percent <= 100; percent += 10) {
            rates.add(wrkMaximum * percent / 100);
        }
        OpenLoop.Ramp ramp;
        try (OpenLoop loop = new OpenLoop(512, Duration.ofSeconds(10))) {
            // not counted: this JVM's own first seconds (its JIT, its connections) stalled a first step's p99 to 4 s
            loop.run(wrkMaximum * 0.2, Duration.ofSeconds(5), n -> attempt(gateway, catalog, learners, n));
            ramp = loop.ramp(
                    rates, Duration.ofSeconds(5), Duration.ofMillis(500), n -> attempt(gateway, catalog, learners, n));
        }
        String steps = ramp.steps().stream()
                .map(step ->
                        "%.0f/s: p99 %.0f ms, %s".formatted(step.rate(), step.percentileMillis(99), step.statuses()))
                .collect(Collectors.joining("; "));
        result(
                "attempts/s the open-loop generator keeps up (the next row's 100 %)",
                "%.0f".formatted(ramp.held()),
                "—",
                null,
                "steps of 5 s from 30 %% of wrk's %.0f/s until one is not all 201 or its p99 passes 500 ms: %s"
                        .formatted(wrkMaximum, steps));
    }

    private static List<String> learners(TokenSigner tokens) {
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            learners.add(tokens.bearer("bench-learner-" + i, "user"));
        }
        return learners;
    }

    private static HttpRequest.Builder attempt(String gateway, Catalog catalog, List<String> learners, long n) {
        Catalog.QuizShape quiz =
                catalog.quizzes().get((int) (n % catalog.quizzes().size()));
        return HttpRequest.newBuilder(URI.create(gateway + "/api/quizzes/" + quiz.id() + "/attempts"))
                .header("Authorization", learners.get((int) (n % learners.size())))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(quiz.randomAnswers()));
    }

    /**
     * Attempts at 80 % of the max rate for 20 s; meanwhile every 100 ms a probe attempt by a new learner, whose
     * progress is read until it shows the attempt: the time from its 201 until then.
     */
    private void endToEnd(double maxAttempts) throws Exception {
        double rate = maxAttempts * 0.8;
        String gateway = stack.gatewayUrl();
        Catalog catalog = Catalog.read(gateway);
        TokenSigner tokens = new TokenSigner(stack.secret());
        String admin = tokens.bearer("bench-admin", "admin");
        List<String> learners = learners(tokens);
        ConcurrentLinkedQueue<Long> visibleMillis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> probeFailures = new ConcurrentLinkedQueue<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ScheduledExecutorService probes = Executors.newScheduledThreadPool(8);
        int[] probeNumber = {0};
        probes.scheduleAtFixedRate(
                () -> {
                    String user = "bench-probe-" + run + "-" + probeNumber[0]++;
                    probe(gateway, catalog, tokens.bearer(user, "user"), admin, user, visibleMillis, probeFailures);
                },
                2000,
                100,
                TimeUnit.MILLISECONDS);
        OpenLoop.Result load;
        try (OpenLoop loop = new OpenLoop(512, Duration.ofSeconds(10))) {
            load = loop.run(rate, Duration.ofSeconds(20), n -> attempt(gateway, catalog, learners, n));
        }
        probes.shutdown();
        probes.awaitTermination(30, TimeUnit.SECONDS);
        long[] sorted =
                visibleMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            result(
                    "attempt → analytics visible p99",
                    "no probe became visible",
                    "≤ 100 ms",
                    false,
                    probeFailures.toString());
            return;
        }
        long p50 = sorted[(int) Math.ceil(0.5 * sorted.length) - 1];
        long p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        String detail =
                "attempts at %.0f/s (80 %% of the %.0f/s the generator kept up) for 20 s, %.2f %% not accepted (statuses %s; -1: not sent, 0: no answer); %d probes, p50 %d ms, p99 %d ms, max %d ms, %d probes failed"
                        .formatted(
                                rate,
                                maxAttempts,
                                load.errorRate() * 100,
                                load.statuses(),
                                sorted.length,
                                p50,
                                p99,
                                sorted[sorted.length - 1],
                                probeFailures.size());
        result("attempt → analytics visible, p50", p50 + " ms", "—", null, detail);
        result(
                "attempt → analytics visible, p99 (worker at 80 % of max rate)",
                p99 + " ms", "≤ 100 ms", p99 <= 100, detail);
    }

    private static void probe(
            String gateway,
            Catalog catalog,
            String learner,
            String admin,
            String user,
            ConcurrentLinkedQueue<Long> visibleMillis,
            ConcurrentLinkedQueue<String> failures) {
        try {
            Catalog.QuizShape quiz = catalog.quizzes().getFirst();
            HttpResponse<String> posted = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/quizzes/" + quiz.id() + "/attempts"))
                            .header("Authorization", learner)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(quiz.randomAnswers()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long accepted = System.nanoTime();
            if (posted.statusCode() != 201) {
                failures.add("POST " + posted.statusCode());
                return;
            }
            long deadline = accepted + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> progress = HTTP.send(
                        HttpRequest.newBuilder(URI.create(gateway + "/api/analytics/users/" + user))
                                .header("Authorization", admin)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (progress.statusCode() == 200 && progress.body().contains("\"attempts\":1")) {
                    visibleMillis.add((System.nanoTime() - accepted) / 1_000_000);
                    return;
                }
                Thread.sleep(5);
            }
            failures.add("not visible within 10 s");
        } catch (IOException e) {
            failures.add(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads at a fixed rate over three content instances; one is killed (SIGKILL) five seconds in. */
    private void failover(double rate) throws IOException {
        List<LocalStack.Instance> content = stack.of("content-service");
        if (content.size() < 3) {
            throw new IllegalStateException(
                    "failover wants three content instances: ./learnscale scale content-service 3");
        }
        LocalStack.Instance victim = content.getLast();
        String url = stack.gatewayUrl() + TOPIC;
        try (OpenLoop load = new OpenLoop(512, Duration.ofSeconds(10))) {
            // until the gateway sends the newest instance its share: a victim that was never in traffic proves nothing
            for (int i = 0; i < 10; i++) {
                OpenLoop.Result warm =
                        load.run(rate, Duration.ofSeconds(3), n -> HttpRequest.newBuilder(URI.create(url)));
                if (warm.servedBy().containsKey(victim.id())) {
                    break;
                }
            }
        }
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        Instant[] killedAt = {null};
        killer.schedule(
                () -> {
                    killedAt[0] = Instant.now();
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                },
                5,
                TimeUnit.SECONDS);
        OpenLoop.Result result;
        try (OpenLoop load = new OpenLoop(512, Duration.ofSeconds(10))) {
            result = load.run(rate, Duration.ofSeconds(15), n -> HttpRequest.newBuilder(URI.create(url)));
        }
        killer.shutdown();
        Instant lastRouted = lastRoutedTo(victim.id(), killedAt[0]);
        // never sent: every one of the load generator's connections was waiting, i.e. the rate was more than the
        // machine carried; counted apart from requests that were answered with a failure or not at all
        long notSent = result.outcomes().stream().filter(o -> o.status() == -1).count();
        long failed = result.outcomes().stream()
                .filter(o -> !o.ok() && o.status() != -1)
                .count();
        long killedNanos = result.outcomes().stream()
                        .mapToLong(OpenLoop.Outcome::dueNanos)
                        .min()
                        .orElse(0)
                + Duration.ofSeconds(5).toNanos();
        double slowestAfter = result.outcomes().stream()
                        .filter(o -> o.dueNanos() >= killedNanos)
                        .mapToLong(OpenLoop.Outcome::latencyNanos)
                        .max()
                        .orElse(0)
                / 1e6;
        double moved = Duration.between(killedAt[0], lastRouted).toMillis() / 1000.0;
        String detail =
                "%.0f req/s for 15 s through the gateway over 3 content instances, %s killed (SIGKILL) 5 s in; statuses %s (-1: not sent, %d, the rate outran the machine); served by %s; the gateway's access log names it last %.1f s after the kill; slowest request after the kill %.0f ms"
                        .formatted(
                                rate, victim.id(), result.statuses(), notSent, result.servedBy(), moved, slowestAfter);
        result(
                "failover: failed requests when 1 of 3 instances is killed",
                notSent == 0 ? Long.toString(failed) : failed + " (and " + notSent + " not sent)",
                "0",
                failed == 0 && notSent == 0,
                detail);
        result(
                "failover: seconds until the killed instance's traffic moved",
                "%.1f s".formatted(moved),
                "—",
                null,
                detail);
    }

    /** The last time at or after {@code since} that the gateway's access log names {@code instance} as upstream. */
    private Instant lastRoutedTo(String instance, Instant since) throws IOException {
        Instant last = since;
        for (Path log : accessLogsSince(since)) {
            try (Stream<String> lines = Files.lines(log)) {
                Optional<Instant> latest = lines.filter(line -> line.contains("upstream=" + instance))
                        .flatMap(line -> timestamp(line).stream())
                        .max(Comparator.naturalOrder());
                if (latest.isPresent() && latest.get().isAfter(last)) {
                    last = latest.get();
                }
            }
        }
        return last;
    }

    /** The gateway's log and the files it rolled into, of those written to since {@code since}. */
    private List<Path> accessLogsSince(Instant since) throws IOException {
        try (Stream<Path> files = Files.list(stack.home().resolve(".data/logs"))) {
            List<Path> logs = new ArrayList<>();
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("gateway-1.")
                        && name.endsWith(".log")
                        && Files.getLastModifiedTime(file).toInstant().isAfter(since)) {
                    logs.add(file);
                }
            }
            return logs;
        }
    }

    /** A log line's leading time, none on a continuation line. */
    private static Optional<Instant> timestamp(String line) {
        if (line.length() <= 24) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(line.substring(0, 24)));
        } catch (RuntimeException notATimestamp) {
            return Optional.empty();
        }
    }

    private static void result(String figure, String value, String target, Boolean met, String detail) {
        System.out.println("RESULT|" + figure + "|" + value + "|" + target + "|"
                + (met == null ? "—" : met ? "met" : "missed") + "|" + detail);
    }
}
