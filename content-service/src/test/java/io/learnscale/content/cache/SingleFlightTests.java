package io.learnscale.content.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTests {

    private final SingleFlight flights = new SingleFlight();

    @Test
    void concurrentLoadsOfOneKeyShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        int callers = 20;
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<String>> results = new ArrayList<>();
            results.add(pool.submit(() -> flights.load("k", () -> {
                loads.incrementAndGet();
                awaitQuietly(release);
                return "value";
            })));
            await().until(() -> flights.inFlight() == 1);
            for (int i = 1; i < callers; i++) {
                results.add(pool.submit(() -> flights.load("k", () -> {
                    loads.incrementAndGet();
                    return "other";
                })));
            }
            await().until(() -> flights.waiting("k") == callers - 1);
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("value");
            }
        }
        assertThat(loads.get()).isEqualTo(1);
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aFailedLoadFailsItsWaitersAndIsNotRemembered() {
        assertThatThrownBy(() -> flights.load("k", () -> {
                    throw new IllegalStateException("database down");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(flights.load("k", () -> "back")).isEqualTo("back");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
