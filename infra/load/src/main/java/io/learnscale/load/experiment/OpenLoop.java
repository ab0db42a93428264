package io.learnscale.load.experiment;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Fixed-rate (open-loop) load: requests leave on schedule whether or not earlier ones returned, and each latency is
 * measured from when the request was due, so a stalled server cannot hide its queue (no coordinated omission).
 */
public final class OpenLoop implements AutoCloseable {

    /** One request's outcome: status 0 when it failed without a response, -1 when it was never sent. */
    public record Outcome(long dueNanos, long latencyNanos, int status, String servedBy) {

        public boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private final ExecutorService executor =
            Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory());
    private final HttpClient client;
    private final Semaphore inFlight;
    private final Duration timeout;

    public OpenLoop(int maxInFlight, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .build();
        this.inFlight = new Semaphore(maxInFlight);
        this.timeout = timeout;
    }

    /** Sends {@code rate} requests per second for {@code duration}; request n is made by {@code requests}. */
    public Result run(double rate, Duration duration, LongFunction<HttpRequest.Builder> requests) {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        long count = (long) (rate * duration.toNanos() / 1e9);
        for (long n = 0; n < count; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                outcomes.add(new Outcome(due, 0, -1, ""));
                continue;
            }
            HttpRequest request = requests.apply(n).timeout(timeout).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long latency = System.nanoTime() - due;
                inFlight.release();
                if (failure != null) {
                    outcomes.add(new Outcome(due, latency, 0, ""));
                } else {
                    outcomes.add(new Outcome(
                            due,
                            latency,
                            response.statusCode(),
                            response.headers().firstValue("X-Served-By").orElse("")));
                }
            });
        }
        long sent = count;
        // the stragglers: wait for what is still in flight, at most the timeout
        long deadline = System.nanoTime() + timeout.toNanos() + 1_000_000_000L;
        while (outcomes.size() < sent && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        return new Result(new ArrayList<>(outcomes), duration, rate);
    }

    /**
     * The highest of {@code rates} (rising) this generator and the server keep up: each runs for {@code step}, and
     * the ramp stops at the first one with a request not answered 2xx/3xx (never sent, no answer, an error) or a p99
     * above {@code maxP99} (a queue that grows within a step passes that soon). Open-loop, unlike {@link #saturate},
     * so the client's own cost per request counts: a heavier client keeps up less than wrk measures. A failed rate is
     * not tried again: one that stalls in 5 s does not hold for 20 (with a second try, a run held 866/s where one
     * try stops at 541/s, and 80 % of 866/s then left 11 % of attempts unsent, 2026-12-07).
     */
    public Ramp ramp(List<Double> rates, Duration step, Duration maxP99, LongFunction<HttpRequest.Builder> requests) {
        List<Result> steps = new ArrayList<>();
        double held = 0;
        for (double rate : rates) {
            Result result = run(rate, step, requests);
            steps.add(result);
            if (result.errorRate() > 0 || !(result.percentileMillis(99) <= maxP99.toMillis())) {
                break;
            }
            held = rate;
        }
        return new Ramp(held, steps);
    }

    /**
     * What a {@link #ramp} found.
     *
     * @param held the highest rate that held, 0 when the first did not
     * @param steps every step run, the one that did not hold last
     */
    public record Ramp(double held, List<Result> steps) {}

    /**
     * Closed loop, to find capacity: {@code concurrency} clients each send the next request as soon as the last one
     * returned, for {@code duration}. Queues stay short, so nothing times out and no circuit opens.
     */
    public Result saturate(int concurrency, Duration duration, LongFunction<HttpRequest.Builder> requests) {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong counter = new AtomicLong();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        try {
                            HttpResponse<Void> response = client.send(
                                    requests.apply(counter.getAndIncrement())
                                            .timeout(timeout)
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            outcomes.add(new Outcome(
                                    start,
                                    System.nanoTime() - start,
                                    response.statusCode(),
                                    response.headers().firstValue("X-Served-By").orElse("")));
                        } catch (java.io.IOException e) {
                            outcomes.add(new Outcome(start, System.nanoTime() - start, 0, ""));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }
        return new Result(new ArrayList<>(outcomes), duration, Double.NaN);
    }

    @Override
    public void close() {
        client.close();
        executor.shutdownNow();
    }

    /** What one run measured. */
    public record Result(List<Outcome> outcomes, Duration duration, double rate) {

        public long ok() {
            return outcomes.stream().filter(Outcome::ok).count();
        }

        public double throughput() {
            return ok() / (duration.toNanos() / 1e9);
        }

        public double errorRate() {
            return outcomes.isEmpty() ? 0 : 1.0 - (double) ok() / outcomes.size();
        }

        /** The latency percentile (0–100) of the answered requests, in milliseconds. */
        public double percentileMillis(double percentile) {
            long[] latencies = outcomes.stream()
                    .filter(Outcome::ok)
                    .mapToLong(Outcome::latencyNanos)
                    .sorted()
                    .toArray();
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        /** Requests answered by each instance (X-Served-By). */
        public Map<String, Long> servedBy() {
            Map<String, Long> counts = new TreeMap<>();
            outcomes.stream()
                    .filter(Outcome::ok)
                    .forEach(o -> counts.merge(o.servedBy().isEmpty() ? "?" : o.servedBy(), 1L, Long::sum));
            return counts;
        }

        public Map<Integer, Long> statuses() {
            Map<Integer, Long> counts = new TreeMap<>();
            outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
            return counts;
        }
    }
}
