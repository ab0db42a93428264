package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Steady load on the gateway from a few clients at once, each sending its next request when the last returns. */
final class TestLoad {

    private TestLoad() {}

    /**
     * Sends {@code total} GETs of {@code path} from {@code clients} clients at once and counts who served them
     * ({@code X-Served-By}); every one must be answered 200.
     */
    static Map<String, Integer> servedBy(int port, String path, int total, int clients) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        Map<String, Integer> servedBy = new ConcurrentHashMap<>();
        List<String> failures = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try (http) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(executor.submit(() -> {
                    while (sent.getAndIncrement() < total) {
                        HttpResponse<String> response = send(http, request);
                        if (response.statusCode() != 200) {
                            synchronized (failures) {
                                failures.add(response.statusCode() + " " + response.body());
                            }
                        }
                        servedBy.merge(
                                response.headers().firstValue("X-Served-By").orElse("-"), 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            executor.shutdownNow();
        }
        assertThat(failures).as("answers other than 200").isEmpty();
        return new TreeMap<>(servedBy);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
