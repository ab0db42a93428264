package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.Service;
import io.learnscale.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The shared rate limit at the gateway, and the services' own door. */
@Order(50)
class RateLimitTests {

    private final Stack stack = SystemStack.get();

    @Test
    void aClientOverItsBudgetGets429WhileAnotherClientIsServed() {
        String hammer = Tokens.bearer("hammer", "user");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 80 && limited == null; i++) {
            HttpResponse<String> response = attempt(hammer);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 80 quick writes").isNotNull();
        EdgeTests.assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");

        // another client has its own budget: the service answers it (400: the body is deliberately empty)
        assertThat(attempt(Tokens.bearer("bystander", "user")).statusCode()).isEqualTo(400);
    }

    /**
     * The stack runs the normal profile: writes 10/s with bursts of 20 per client. A client that sends as fast as it
     * can gets its burst, then 10 per second, within 10 % (measured from its first 429, once the burst is spent);
     * another client sending meanwhile is never limited.
     */
    @Test
    void aBurstFromOneClientHoldsWithinTenPercentOfTheRateWhileAnotherClientIsUnaffected() throws Exception {
        int rate = 10;
        int burst = 20;
        Duration window = Duration.ofSeconds(20);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String hammer = Tokens.bearer("hammer-" + run, "user");
        String bystander = Tokens.bearer("bystander-" + run, "user");
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger allowedBeforeRefusal = new AtomicInteger();
        AtomicInteger sentAfterRefusal = new AtomicInteger();
        AtomicInteger allowedAfterRefusal = new AtomicInteger();
        AtomicLong firstRefused = new AtomicLong();
        AtomicInteger bystanderSent = new AtomicInteger();
        List<String> bystanderLimited = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long until = System.nanoTime() + window.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < until) {
                        long refusedAt = firstRefused.get();
                        int status = attempt(hammer).statusCode();
                        sent.incrementAndGet();
                        if (refusedAt != 0) {
                            sentAfterRefusal.incrementAndGet();
                        }
                        if (status == 400) { // through the limiter to the service, which refuses the empty body
                            (refusedAt == 0 ? allowedBeforeRefusal : allowedAfterRefusal).incrementAndGet();
                        } else if (status == 429) {
                            firstRefused.compareAndSet(0, System.nanoTime());
                        } else {
                            unexpected.add(Integer.toString(status));
                        }
                    }
                }));
            }
            running.add(clients.submit(() -> {
                while (System.nanoTime() < until) {
                    HttpResponse<String> response = attempt(bystander);
                    bystanderSent.incrementAndGet();
                    if (response.statusCode() != 400) {
                        bystanderLimited.add(response.statusCode() + " " + response.body());
                    }
                    pause(Duration.ofMillis(250)); // 4 writes/s: well inside its own budget
                }
            }));
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - firstRefused.get()) / 1e9;
        double expected = rate * seconds;
        System.out.printf(
                "RATE LIMIT writes %d/s burst %d: one client sent %d; before its first 429 allowed %d (its burst);"
                        + " over the %.1f s after it sent %d, allowed %d (expected %.0f, %+.1f %%); another client sent"
                        + " %d, limited %d%n",
                rate,
                burst,
                sent.get(),
                allowedBeforeRefusal.get(),
                seconds,
                sentAfterRefusal.get(),
                allowedAfterRefusal.get(),
                expected,
                100 * (allowedAfterRefusal.get() - expected) / expected,
                bystanderSent.get(),
                bystanderLimited.size());

        assertThat(unexpected).isEmpty();
        assertThat(allowedBeforeRefusal.get()).as("the burst").isGreaterThanOrEqualTo(burst);
        assertThat(sentAfterRefusal.get()).as("the client outran its rate").isGreaterThan((int) (1.5 * expected));
        assertThat((double) allowedAfterRefusal.get())
                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(bystanderLimited).isEmpty();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aServiceCalledDirectlyRefusesAForgedToken() {
        for (Service service : new Service[] {Service.CONTENT, Service.QUIZ, Service.SEARCH}) {
            String url = stack.instances(service).getFirst().url();
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url + "/api/quizzes"))
                    .header("Authorization", "Bearer " + TestTokens.forged("mallory", "admin")));
            assertThat(response.statusCode()).as(service.serviceName()).isEqualTo(401);
        }
    }

    private HttpResponse<String> attempt(String authorization) {
        return Http.postJson(stack.gatewayUrl() + "/api/quizzes/scaling-techniques/attempts", "{}", authorization);
    }
}
