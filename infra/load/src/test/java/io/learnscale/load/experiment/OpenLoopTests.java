package io.learnscale.load.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLoopTests {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/ok", exchange -> {
            int n = served.incrementAndGet();
            exchange.getResponseHeaders().add("X-Served-By", n % 2 == 0 ? "even" : "odd");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/slow", answeringAfter(Duration.ofMillis(300), 503));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsOnScheduleAndCountsWhoAnswered() {
        // room for every request in flight and a generous timeout: a busy machine must not fail this
        try (OpenLoop load = new OpenLoop(1000, Duration.ofSeconds(30))) {
            OpenLoop.Result result = load.run(20, Duration.ofSeconds(1), n -> request("/ok"));

            assertThat(result.outcomes()).hasSize(20);
            assertThat(result.errorRate()).isZero();
            assertThat(result.throughput()).isEqualTo(20.0);
            assertThat(result.servedBy()).containsOnlyKeys("even", "odd");
            assertThat(result.percentileMillis(50)).isLessThanOrEqualTo(result.percentileMillis(99));
        }
    }

    @Test
    void latencyCountsFromWhenTheRequestWasDueAndErrorsAreNotThroughput() {
        try (OpenLoop load = new OpenLoop(2, Duration.ofSeconds(5))) {
            OpenLoop.Result result = load.run(20, Duration.ofSeconds(1), n -> request("/slow"));

            // two in flight at most: the rest were never sent, and none of the 503s counts as answered
            assertThat(result.statuses()).containsKeys(-1, 503);
            assertThat(result.ok()).isZero();
            assertThat(result.errorRate()).isEqualTo(1.0);
        }
    }

    @Test
    void aClosedLoopFindsWhatTheServerCanDo() {
        try (OpenLoop load = new OpenLoop(64, Duration.ofSeconds(30))) {
            OpenLoop.Result result = load.saturate(4, Duration.ofMillis(500), n -> request("/ok"));

            assertThat(result.ok()).isEqualTo(served.get()).isPositive();
            assertThat(result.throughput()).isGreaterThan(0);
        }
    }

    @Test
    void aRampStopsAtTheFirstRateTheServerCannotKeepUp() throws IOException {
        // one thread, 20 ms a request: at most 50 requests a second
        HttpServer fifty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        fifty.setExecutor(Executors.newSingleThreadExecutor());
        fifty.createContext("/", answeringAfter(Duration.ofMillis(20), 200));
        fifty.start();
        URI uri = URI.create("http://127.0.0.1:" + fifty.getAddress().getPort() + "/");
        try (OpenLoop load = new OpenLoop(1000, Duration.ofSeconds(30))) {
            // 120/s queues 140 requests in 2 s, 2.8 s of waiting; 20/s waits for nothing
            OpenLoop.Ramp ramp = load.ramp(
                    List.of(20.0, 120.0, 20.0),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(500),
                    n -> HttpRequest.newBuilder(uri));

            assertThat(ramp.held()).isEqualTo(20.0);
            assertThat(ramp.steps()).as("no step after the first that failed").hasSize(2);
            assertThat(ramp.steps().getLast().percentileMillis(99)).isGreaterThan(500);
        } finally {
            fifty.stop(0);
        }
    }

    @Test
    void aRampThatCannotStartHoldsNothing() {
        try (OpenLoop load = new OpenLoop(2, Duration.ofSeconds(5))) {
            OpenLoop.Ramp ramp =
                    load.ramp(List.of(20.0, 40.0), Duration.ofSeconds(1), Duration.ofSeconds(1), n -> request("/slow"));

            assertThat(ramp.held()).isZero();
            assertThat(ramp.steps()).hasSize(1);
        }
    }

    /**
     * A server that takes {@code work} to answer each request: its service time, what gives it a capacity. The tests
     * themselves never wait on time; they read what the load generator measured.
     */
    private static HttpHandler answeringAfter(Duration work, int status) {
        return exchange -> {
            LockSupport.parkNanos(work.toNanos());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
    }
}
