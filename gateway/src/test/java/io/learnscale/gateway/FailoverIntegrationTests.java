package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.gateway.TestUpstream.Behaviour;
import io.learnscale.gateway.TestUpstream.Received;
import io.learnscale.testsupport.RealInfrastructure;
import io.learnscale.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The retry rule of DESIGN (Retry at the gateway) against real HTTP servers standing in for instances of
 * content-service and quiz-service: GET, HEAD and attempt POSTs with an Idempotency-Key are sent once more, to
 * another instance, when the connection failed or was reset before any response; nothing else is, and nothing
 * is on a response or a timeout. The circuit breakers are set never to open here (ResilienceIntegrationTests
 * covers them).
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-10",
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=1000",
            "resilience4j.timelimiter.configs.default.timeout-duration=2s"
        })
@AutoConfigureWebTestClient
@RealInfrastructure
@DirtiesContext
class FailoverIntegrationTests {

    private static final Duration DESIGN_LIMIT = Duration.ofSeconds(5);
    private static final String ATTEMPT = "{\"answers\":{\"q1\":[\"c2\"]}}";

    @RegisterExtension
    static final TestUpstream a = TestUpstream.start("node-a");

    @RegisterExtension
    static final TestUpstream b = TestUpstream.start("node-b");

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of());

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @Autowired
    WebTestClient http;

    @LocalManagementPort
    int managementPort;

    /** Every request as an author, who may write topics and quizzes and, signed in, submit attempts. */
    @BeforeEach
    void signInAsAnAuthor() {
        http = http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid("failover-author", "author"))
                .build();
    }

    @AfterEach
    void upstreamsBehaveAgain() {
        Stream.of(a, b).forEach(upstream -> {
            upstream.behave(Behaviour.NORMAL);
            upstream.delay(Duration.ZERO);
        });
    }

    @Test
    void getsSucceedWhileAnInstanceRefusesConnections() {
        list(content(a), dead("content-service", "node-dead"));

        for (int i = 0; i < 6; i++) {
            http.get()
                    .uri("/api/topics/refused-{i}", i)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-Served-By", "node-a");
            http.head()
                    .uri("/api/topics/refused-head-{i}", i)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void getsSucceedWhileAnInstanceHangsUpBeforeAnswering() {
        list(content(a), content(b));
        b.behave(Behaviour.HANG_UP);

        for (int i = 0; i < 6; i++) {
            http.get()
                    .uri("/api/topics/hung-up-{i}", i)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-Served-By", "node-a");
        }

        // round robin sent about half of them to b first: each was sent again, to a
        assertThat(b.allReceived())
                .anySatisfy(received -> assertThat(received.pathAndQuery()).startsWith("/api/topics/hung-up-"));
    }

    @Test
    void aGetIsRetriedOnlyOnce() {
        list(content(a), content(b));
        a.behave(Behaviour.HANG_UP);
        b.behave(Behaviour.HANG_UP);

        problem(http.get().uri("/api/topics/twice-at-most").exchange(), 502);

        assertThat(receivedAnywhere("/api/topics/twice-at-most"))
                .extracting(Received::method)
                .containsExactly("GET", "GET");
        assertThat(a.received("/api/topics/twice-at-most")).isPresent();
        assertThat(b.received("/api/topics/twice-at-most")).isPresent();
    }

    @Test
    void anAttemptWithoutIdempotencyKeyIsNeverRetried() {
        list(quiz(a), quiz(b));
        a.behave(Behaviour.HANG_UP);
        b.behave(Behaviour.HANG_UP);

        String body = problem(
                http.post()
                        .uri("/api/quizzes/q-unkeyed/attempts")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(ATTEMPT)
                        .exchange(),
                502);

        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:bad-gateway");
        assertThat(receivedAnywhere("/api/quizzes/q-unkeyed/attempts")).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /api/topics/other-write-1, key-1",
        "PUT, /api/topics/other-write-2, key-2",
        "PATCH, /api/topics/other-write-3, key-3",
        "DELETE, /api/topics/other-write-4, key-4",
        "POST, /api/quizzes, key-5",
        "PUT, /api/quizzes/other-write-6, key-6",
        "DELETE, /api/quizzes/other-write-7, key-7"
    })
    void noOtherWriteIsEverRetriedEvenWithAKey(String method, String path, String key) {
        list(content(a), content(b), quiz(a), quiz(b));
        a.behave(Behaviour.HANG_UP);
        b.behave(Behaviour.HANG_UP);

        problem(
                http.method(HttpMethod.valueOf(method))
                        .uri(path)
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"title\":\"x\"}")
                        .exchange(),
                502);

        assertThat(receivedAnywhere(path)).hasSize(1);
    }

    @Test
    void aWriteToARefusingInstanceIsNotRetriedEither() {
        list(quiz(a), dead("quiz-service", "node-dead"));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.post()
                    .uri("/api/quizzes/q-refused/attempts")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ATTEMPT)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value());
        }

        // round robin: every other one went to the dead instance and stays a 503, never sent to node-a too
        assertThat(statuses).containsOnly(200, 503).contains(503);
        assertThat(receivedAnywhere("/api/quizzes/q-refused/attempts"))
                .hasSize((int) statuses.stream().filter(status -> status == 200).count());
    }

    @Test
    void aKeyedAttemptIsRetriedOnceOnAnotherInstance() {
        list(quiz(a), quiz(b));
        a.behave(Behaviour.HANG_UP);
        b.behave(Behaviour.HANG_UP);

        problem(
                http.post()
                        .uri("/api/quizzes/q-keyed/attempts")
                        .header("Idempotency-Key", "attempt-key-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(ATTEMPT)
                        .exchange(),
                502);

        Received first = a.received("/api/quizzes/q-keyed/attempts").orElseThrow();
        Received second = b.received("/api/quizzes/q-keyed/attempts").orElseThrow();
        assertThat(receivedAnywhere("/api/quizzes/q-keyed/attempts")).hasSize(2);
        for (Received received : List.of(first, second)) {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.idempotencyKey()).isEqualTo("attempt-key-1");
            assertThat(received.body()).isEqualTo(ATTEMPT);
        }
        assertThat(first.requestId()).isEqualTo(second.requestId());
    }

    @Test
    void aKeyedAttemptSucceedsOnTheOtherInstance() {
        list(quiz(a), quiz(b));
        a.behave(Behaviour.HANG_UP);

        for (int i = 0; i < 4; i++) {
            String key = "failover-key-" + i;
            http.post()
                    .uri("/api/quizzes/q-failover-{i}/attempts", i)
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ATTEMPT)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-Served-By", "node-b");
            assertThat(b.received("/api/quizzes/q-failover-" + i + "/attempts")).hasValueSatisfying(received -> {
                assertThat(received.body()).isEqualTo(ATTEMPT);
                assertThat(received.idempotencyKey()).isEqualTo(key);
            });
        }
        assertThat(a.allReceived())
                .anySatisfy(received -> assertThat(received.pathAndQuery()).startsWith("/api/quizzes/q-failover-"));
    }

    @Test
    void anUnavailableAnswerIsPassedThroughAndNotRetried() {
        list(content(a), content(b));
        a.behave(Behaviour.UNAVAILABLE);
        b.behave(Behaviour.UNAVAILABLE);

        http.get()
                .uri("/api/topics/answered-503")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "7")
                .expectHeader()
                .exists("X-Served-By")
                .expectBody(String.class)
                .isEqualTo(TestUpstream.BROKEN_BODY);

        assertThat(receivedAnywhere("/api/topics/answered-503")).hasSize(1);
    }

    @Test
    void aGetThatTimesOutIsNotRetried() {
        list(content(a), content(b));
        a.delay(Duration.ofSeconds(6));
        b.delay(Duration.ofSeconds(6));

        problem(http.get().uri("/api/topics/too-slow").exchange(), 504);

        assertThat(receivedAnywhere("/api/topics/too-slow")).hasSize(1);
    }

    /** Asserts a problem+json answer with this status and the request id; returns its body. */
    private static String problem(WebTestClient.ResponseSpec response, int status) {
        String body = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(status);
        assertThat(JsonPath.<String>read(body, "$.requestId")).isNotBlank();
        return body;
    }

    private static List<Received> receivedAnywhere(String pathAndQuery) {
        return Stream.of(a, b)
                .flatMap(upstream -> upstream.allReceived().stream())
                .filter(received -> received.pathAndQuery().equals(pathAndQuery))
                .toList();
    }

    /** Lists these entries in the instances file and waits until the gateway has every one of them ready. */
    private void list(Entry... entries) {
        instances.write(List.of(entries));
        instances.awaitReady(managementPort, DESIGN_LIMIT);
    }

    private static Entry content(TestUpstream upstream) {
        return Entry.of("content-service", upstream);
    }

    private static Entry quiz(TestUpstream upstream) {
        return Entry.of("quiz-service", upstream);
    }

    /** An instance whose port refuses connections while its readiness probe (a's) says it is ready. */
    private static Entry dead(String service, String id) {
        return new Entry(service, id, TestUpstream.closedAddress(), a.managementUrl());
    }
}
