package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.gateway.TestUpstream.Behaviour;
import io.learnscale.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every forwarded attempt's client observation ({@code http.client.requests}, and its span) ends, however the
 * request ends: answered, given up by the time limiter, failed and sent again, or abandoned by its caller. One that
 * never ends stays in {@code http.client.requests.active} and in memory for good.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-12",
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=1000",
            "resilience4j.timelimiter.instances.search-service.timeout-duration=1s"
        })
@AutoConfigureWebTestClient
@RealInfrastructure
@DirtiesContext
class ClientObservationIntegrationTests {

    @RegisterExtension
    static final TestUpstream a = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream b = TestUpstream.start("content-service-2");

    @RegisterExtension
    static final TestUpstream search = TestUpstream.start("search-service-1");

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(
            Entry.of("content-service", a), Entry.of("content-service", b), Entry.of("search-service", search)));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** Open before the test: each test answers for its own requests only. */
    int openBefore;

    @BeforeEach
    void everyInstanceIsReady() {
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
        openBefore = openAttempts();
    }

    @AfterEach
    void upstreamsBehaveAgain() {
        Stream.of(a, b, search).forEach(upstream -> {
            upstream.behave(Behaviour.NORMAL);
            upstream.delay(Duration.ZERO);
        });
    }

    @Test
    void anAnsweredRequestEndsItsObservation() {
        long before = completedAttempts();

        http.get().uri("/api/topics/answered").exchange().expectStatus().isOk();

        awaitNoneOpen();
        assertThat(completedAttempts()).isEqualTo(before + 1);
    }

    @Test
    void aRequestTheTimeLimiterGivesUpOnEndsItsObservation() {
        search.delay(Duration.ofSeconds(3));

        http.get().uri("/api/search?q=slow").exchange().expectStatus().isEqualTo(504);

        awaitNoneOpen();
    }

    @Test
    void anAttemptThatFailedAndWasSentAgainEndsItsObservation() {
        b.behave(Behaviour.HANG_UP);
        long before = completedAttempts();

        for (int i = 0; i < 4; i++) {
            http.get()
                    .uri("/api/topics/sent-again-{i}", i)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-Served-By", "content-service-1");
        }

        awaitNoneOpen();
        // round robin sent some of them to the instance that hangs up first: each of those was two attempts
        assertThat(b.allReceived())
                .anySatisfy(received -> assertThat(received.pathAndQuery()).startsWith("/api/topics/sent-again-"));
        assertThat(completedAttempts()).isGreaterThan(before + 4);
    }

    @Test
    void aCallerWhoHangsUpEndsItsRequestsObservation() throws IOException {
        a.delay(Duration.ofSeconds(3));
        b.delay(Duration.ofSeconds(3));
        int receivedBefore = a.allReceived().size() + b.allReceived().size();

        try (Socket caller = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = caller.getOutputStream();
            out.write("GET /api/topics/abandoned HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> a.allReceived().size() + b.allReceived().size() > receivedBefore);
            assertThat(openAttempts()).isEqualTo(openBefore + 1);
        } // hangs up while the instance is still working on it

        awaitNoneOpen();
    }

    private void awaitNoneOpen() {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(openAttempts()).isZero());
    }

    private int openAttempts() {
        return meters.find("http.client.requests.active").longTaskTimers().stream()
                .mapToInt(LongTaskTimer::activeTasks)
                .sum();
    }

    private long completedAttempts() {
        return meters.find("http.client.requests").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }
}
