package io.learnscale.load.experiment;

import io.learnscale.launcher.ProgressLog;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.StackOptions;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import io.learnscale.load.Catalog;
import io.learnscale.load.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The scaling experiment: its own stack (free ports, benchmark profile), content reads at a fixed arrival rate while
 * content-service steps 1 → 2 → 4 instances, each warmed up uncapped and then CPU-capped; then attempts faster than
 * one capped search-service consumes them, with one and then two instances. Writes a Markdown report and a chart.
 *
 * <p>Options (system properties): {@code rate} (reads/s, 160), {@code steps} (1,2,4), {@code cpus} (per content
 * instance, 0.1), {@code warmup} and {@code measure} (s, 15 and 20), {@code attemptRate} (/s, 40),
 * {@code attemptSeconds} (30), {@code workerCpus} (per search instance, 0.02), {@code clients} (closed-loop clients per content instance, 16), {@code out} (docs/scaling).
 */
public final class ScalingExperiment {

    /** One instance count under the fixed read rate, measured while capped. */
    record Step(
            int instances,
            double rate,
            double throughput,
            double p50,
            double p99,
            double errorRate,
            Map<String, Long> servedBy,
            Map<String, Double> cpuPerInstance,
            Map<Integer, Long> statuses,
            double capacity,
            double capacityP99,
            Map<String, Long> capacityServedBy) {}

    /** One worker count: lag over time ({@code [millis since start, records]}), its peak and how long it drained. */
    record WorkerRun(
            int instances,
            double rate,
            long sent,
            long accepted,
            double loadSeconds,
            List<long[]> lagSeries,
            long peakLag,
            double drainSeconds,
            boolean drained) {}

    private final Path home;
    private final double rate;
    private final List<Integer> steps;
    private final double cpus;
    private final Duration warmup;
    private final Duration measure;
    private final double attemptRate;
    private final Duration attemptDuration;
    private final double workerCpus;
    private final int clientsPerInstance;
    private final Path out;

    private ScalingExperiment(Path home) {
        this.home = home;
        this.rate = Double.parseDouble(System.getProperty("rate", "160"));
        this.steps = Arrays.stream(System.getProperty("steps", "1,2,4").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        this.cpus = Double.parseDouble(System.getProperty("cpus", "0.1"));
        this.warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("warmup", "15")));
        this.measure = Duration.ofSeconds(Long.parseLong(System.getProperty("measure", "20")));
        this.attemptRate = Double.parseDouble(System.getProperty("attemptRate", "40"));
        this.attemptDuration = Duration.ofSeconds(Long.parseLong(System.getProperty("attemptSeconds", "30")));
        this.workerCpus = Double.parseDouble(System.getProperty("workerCpus", "0.02"));
        // a capped instance answers slowly (it waits for its next CPU slice): it takes many clients to keep it busy
        this.clientsPerInstance = Integer.parseInt(System.getProperty("clients", "16"));
        this.out = home.resolve(System.getProperty("out", "docs/scaling"));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("learnscale.home", "."))
                .toAbsolutePath()
                .normalize();
        try {
            new ScalingExperiment(home).run();
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws IOException {
        String loadBefore = Machine.loadAverage();
        String started = Machine.now();
        StackOptions options = StackOptions.defaults(home)
                .withDataDirectory(home.resolve("infra/load/target/scaling-stack"))
                .withFreePorts()
                .withClean(true)
                .withBenchmark(true)
                .withInstances(Service.CONTENT, 1)
                .withInstances(Service.QUIZ, 2)
                .withInstances(Service.SEARCH, 1);
        say("Starting a stack of its own (free ports, benchmark profile)");
        try (Stack stack = Stack.start(options, ProgressLog.console());
                CpuCap caps = CpuCap.detect(
                        "learnscale-scaling-" + ProcessHandle.current().pid())) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> { // Ctrl-C: leave no process nor cgroup behind
                                caps.close();
                                stack.close();
                            }));
            say("CPU caps: " + caps.describe());
            Catalog catalog = Catalog.read(stack.gatewayUrl());
            List<Step> results = new ArrayList<>();
            for (int count : steps) {
                results.add(step(stack, caps, catalog, count));
            }
            List<WorkerRun> workers = new ArrayList<>();
            for (int count : List.of(1, 2)) {
                workers.add(worker(stack, caps, catalog, count));
            }
            write(results, workers, caps, started, loadBefore, Machine.loadAverage());
        }
    }

    private Step step(Stack stack, CpuCap caps, Catalog catalog, int count) {
        stack.scale(Service.CONTENT, count);
        List<AppInstance> instances = stack.instances(Service.CONTENT);
        instances.forEach(i -> caps.uncap(i.pid()));
        String gateway = stack.gatewayUrl();
        List<String> slugs = catalog.topicSlugs();
        try (OpenLoop load = new OpenLoop(512, Duration.ofSeconds(10))) {
            say("%d content instance(s): warm-up, uncapped, %d s at %.0f req/s"
                    .formatted(count, warmup.toSeconds(), rate));
            load.run(rate, warmup, n -> read(gateway, slugs, n));
            instances.forEach(i -> caps.cap(i.id(), i.pid(), cpus));
            int clients = clientsPerInstance * count;
            load.saturate(clients, Duration.ofSeconds(3), n -> read(gateway, slugs, n)); // settle under the cap
            say("%d content instance(s): capped at %.2f CPU each, capacity with %d closed-loop clients for %d s"
                    .formatted(count, cpus, clients, measure.toSeconds()));
            OpenLoop.Result capacity = load.saturate(clients, measure, n -> read(gateway, slugs, n));
            say("  capacity %.0f req/s, p99 %.1f ms, served by %s, statuses %s"
                    .formatted(
                            capacity.throughput(),
                            capacity.percentileMillis(99),
                            capacity.servedBy(),
                            capacity.statuses()));
            Map<String, Long> cpuBefore = cpuTimes(instances);
            say("%d content instance(s): capped, fixed rate %.0f req/s for %d s"
                    .formatted(count, rate, measure.toSeconds()));
            OpenLoop.Result result = load.run(rate, measure, n -> read(gateway, slugs, n));
            Map<String, Long> cpuAfter = cpuTimes(instances);
            Map<String, Double> cpuShare = new LinkedHashMap<>();
            cpuAfter.forEach((id, after) -> cpuShare.put(id, (after - cpuBefore.get(id)) / (double) measure.toNanos()));
            Step step = new Step(
                    count,
                    rate,
                    result.throughput(),
                    result.percentileMillis(50),
                    result.percentileMillis(99),
                    result.errorRate(),
                    result.servedBy(),
                    cpuShare,
                    result.statuses(),
                    capacity.throughput(),
                    capacity.percentileMillis(99),
                    capacity.servedBy());
            say("  %.0f req/s answered, p50 %.1f ms, p99 %.1f ms, errors %.1f %%, served by %s, CPU %s"
                    .formatted(
                            step.throughput(),
                            step.p50(),
                            step.p99(),
                            step.errorRate() * 100,
                            step.servedBy(),
                            cpuShare));
            instances.forEach(i -> caps.uncap(i.pid()));
            return step;
        }
    }

    private static HttpRequest.Builder read(String gateway, List<String> slugs, long n) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/topics/" + slugs.get((int) (n % slugs.size()))));
    }

    private WorkerRun worker(Stack stack, CpuCap caps, Catalog catalog, int count) {
        stack.scale(Service.SEARCH, count);
        List<AppInstance> instances = stack.instances(Service.SEARCH);
        TokenSigner tokens = new TokenSigner(stack.jwtSecret());
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            learners.add(tokens.bearer("scaling-learner-" + i, "user"));
        }
        String gateway = stack.gatewayUrl();
        LongFunction<HttpRequest.Builder> attempt = n -> {
            Catalog.QuizShape quiz =
                    catalog.quizzes().get((int) (n % catalog.quizzes().size()));
            return HttpRequest.newBuilder(URI.create(gateway + "/api/quizzes/" + quiz.id() + "/attempts"))
                    .header("Authorization", learners.get((int) (n % learners.size())))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(quiz.randomAnswers()));
        };
        try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(), "analytics", "quiz.attempts");
                OpenLoop load = new OpenLoop(512, Duration.ofSeconds(10))) {
            say("%d search instance(s): warm-up, uncapped, %d s of attempts at %.0f/s"
                    .formatted(count, warmup.toSeconds(), attemptRate / 2));
            OpenLoop.Result warm = load.run(attemptRate / 2, warmup, attempt);
            say("  warm-up: " + warm.statuses());
            awaitNoLag(lag, Duration.ofSeconds(120));
            instances.forEach(i -> caps.cap(i.id(), i.pid(), workerCpus));
            lag.markBaseline();
            List<long[]> series = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> series.add(new long[] {(System.nanoTime() - start) / 1_000_000, lag.lag()}),
                    0,
                    500,
                    TimeUnit.MILLISECONDS);
            say("%d search instance(s) capped at %.2f CPU each: attempts at %.0f/s for %d s"
                    .formatted(count, workerCpus, attemptRate, attemptDuration.toSeconds()));
            OpenLoop.Result result = load.run(attemptRate, attemptDuration, attempt);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long loadEnded = System.nanoTime();
            long deadline = loadEnded + Duration.ofSeconds(180).toNanos();
            boolean drained = false;
            while (System.nanoTime() < deadline) {
                if (lag.lag() == 0) {
                    drained = true;
                    break;
                }
                sleep(Duration.ofMillis(250));
            }
            double drainSeconds = (System.nanoTime() - loadEnded) / 1e9;
            series.add(new long[] {(System.nanoTime() - start) / 1_000_000, lag.lag()});
            sampler.shutdownNow();
            long peak = series.stream().mapToLong(p -> p[1]).max().orElse(0);
            WorkerRun run = new WorkerRun(
                    count,
                    attemptRate,
                    result.outcomes().size(),
                    result.ok(),
                    loadSeconds,
                    List.copyOf(series),
                    peak,
                    drainSeconds,
                    drained);
            say("  %d of %d attempts accepted (%s), peak lag %d, %s"
                    .formatted(
                            run.accepted(),
                            run.sent(),
                            result.statuses(),
                            peak,
                            drained ? "drained %.1f s after the load stopped".formatted(drainSeconds) : "not drained"));
            instances.forEach(i -> caps.uncap(i.pid()));
            return run;
        }
    }

    private static void awaitNoLag(ConsumerLag lag, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && lag.lag() > 0) {
            sleep(Duration.ofMillis(500));
        }
    }

    private static Map<String, Long> cpuTimes(List<AppInstance> instances) {
        return instances.stream()
                .collect(Collectors.toMap(
                        AppInstance::id, i -> CpuCap.processCpuNanos(i.pid()), (a, b) -> a, LinkedHashMap::new));
    }

    private void write(
            List<Step> results,
            List<WorkerRun> workers,
            CpuCap caps,
            String started,
            String loadBefore,
            String loadAfter)
            throws IOException {
        Files.createDirectories(out);
        String name = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path chart = out.resolve(name + ".png");
        Chart.write(chart, results, workers, rate);
        StringBuilder md = new StringBuilder();
        md.append("# Scaling experiment, ").append(started).append("\n\n");
        md.append("Machine: ").append(Machine.describe()).append(".  \n");
        md.append("Load average (1, 5, 15 min) before: ")
                .append(loadBefore)
                .append("; after: ")
                .append(loadAfter)
                .append(".  \n");
        md.append("CPU caps: ").append(caps.describe()).append(".  \n");
        md.append("Command: `infra/bench/scaling.sh` (").append(settings()).append(").\n\n");
        md.append(
                        "The machine is shared with other builds and test stacks while this runs: figures move between runs; ")
                .append("the load averages above say how busy it was.\n\n");
        md.append("![throughput per instance count, and consumer lag over time](")
                .append(name)
                .append(".png)\n\n");
        double one = results.isEmpty() ? 1 : results.getFirst().capacity();
        md.append("## Content reads: capacity per instance count\n\n");
        md.append(
                        "`GET /api/topics/{slug}` over every topic (cached in Redis) through the gateway. Each step is warmed up %d s uncapped at %.0f req/s, "
                                .formatted(warmup.toSeconds(), rate))
                .append(
                        "then every content-service instance is capped at %.2f CPU; capacity is measured closed-loop (%d clients per instance, each sending the next request when the last returned) for %d s. "
                                .formatted(cpus, clientsPerInstance, measure.toSeconds()))
                .append("The gateway, quiz, search, Kafka, Redis and PostgreSQL are not capped.\n\n");
        md.append(
                "| instances | capacity req/s | × one instance | p99 ms | share of requests |\n|---|---|---|---|---|\n");
        for (Step step : results) {
            md.append("| %d | %.0f | %.2f | %.1f | %s |\n"
                    .formatted(
                            step.instances(),
                            step.capacity(),
                            step.capacity() / one,
                            step.capacityP99(),
                            shares(step.capacityServedBy())));
        }
        md.append("\n## Content reads at a fixed %.0f req/s\n\n".formatted(rate));
        md.append(
                "The same read, open-loop at a fixed arrival rate (latency counted from when each request was due), right after the capacity run. "
                        + "Where the rate is above what the instances can serve, queues grow until the gateway's time limit (504) and then its circuit breaker "
                        + "answers 503 at once: that load shedding, not the instances, then sets the answered rate (see the CPU the instances used).\n\n");
        md.append(
                "| instances | answered req/s | p50 ms | p99 ms | errors | share of requests | CPU used per instance |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Step step : results) {
            md.append("| %d | %.0f | %.1f | %.1f | %.2f %% | %s | %s |\n"
                    .formatted(
                            step.instances(),
                            step.throughput(),
                            step.p50(),
                            step.p99(),
                            step.errorRate() * 100,
                            shares(step.servedBy()),
                            step.cpuPerInstance().entrySet().stream()
                                    .map(e -> "%.2f".formatted(e.getValue()))
                                    .collect(Collectors.joining(", "))));
        }
        md.append("\nStatus codes per step: ")
                .append(results.stream()
                        .map(s -> s.instances() + ": " + s.statuses())
                        .collect(Collectors.joining("; ")))
                .append(" (0 = no response, -1 = not sent: more than 512 requests in flight).\n\n");
        md.append("## The worker: attempts faster than one search-service consumes them\n\n");
        md.append(
                        "`POST /api/quizzes/{id}/attempts` at %.0f/s for %d s through the gateway (two quiz-service instances, uncapped); "
                                .formatted(attemptRate, attemptDuration.toSeconds()))
                .append(
                        "every search-service instance capped at %.2f CPU. Lag = records of `quiz.attempts` not yet committed by the group `analytics`, sampled every 0.5 s.\n\n"
                                .formatted(workerCpus));
        md.append(
                "| search instances | attempts accepted / sent | peak lag | lag growth while loading | drain time after the load stopped |\n");
        md.append("|---|---|---|---|---|\n");
        for (WorkerRun run : workers) {
            md.append("| %d | %d / %d | %d | %.0f records/s | %s |\n"
                    .formatted(
                            run.instances(),
                            run.accepted(),
                            run.sent(),
                            run.peakLag(),
                            run.peakLag() / Math.max(1, run.loadSeconds()),
                            run.drained() ? "%.1f s".formatted(run.drainSeconds()) : "not drained within 180 s"));
        }
        md.append(
                "\nLag growth is the peak lag over the loading time, a lower bound on the rate at which the backlog grew.\n");
        Path report = out.resolve(name + ".md");
        Files.writeString(report, md.toString());
        say("Report: " + home.relativize(report) + " (chart " + home.relativize(chart) + ")");
    }

    private static String shares(Map<String, Long> servedBy) {
        long total = servedBy.values().stream().mapToLong(Long::longValue).sum();
        return servedBy.entrySet().stream()
                .map(e -> "%s %.0f %%".formatted(e.getKey(), 100.0 * e.getValue() / Math.max(1, total)))
                .collect(Collectors.joining(", "));
    }

    private String settings() {
        return "rate=%.0f steps=%s cpus=%.2f clients=%d warmup=%ds measure=%ds attemptRate=%.0f attemptSeconds=%d workerCpus=%.2f"
                .formatted(
                        rate,
                        steps.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        cpus,
                        clientsPerInstance,
                        warmup.toSeconds(),
                        measure.toSeconds(),
                        attemptRate,
                        attemptDuration.toSeconds(),
                        workerCpus);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void say(String message) {
        System.out.println("[scaling] " + message);
    }
}
