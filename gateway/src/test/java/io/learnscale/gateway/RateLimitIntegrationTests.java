package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.EmbeddedServers;
import io.learnscale.testsupport.TcpProxy;
import io.learnscale.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The rate limiter on real Redis with budgets small enough to spend in a test (reads 1 a second in bursts of 4,
 * writes 1 a second in bursts of 2): a client over budget gets a 429 problem with Retry-After and the budget
 * headers while other clients are served, reads and writes are budgeted apart, and with Redis unreachable (a TCP
 * proxy in front of it, cut) every request is served and counted as a fail-open.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=gateway-15",
            "learnscale.rate-limit.reads.replenish-rate=1",
            "learnscale.rate-limit.reads.burst-capacity=4",
            "learnscale.rate-limit.writes.replenish-rate=1",
            "learnscale.rate-limit.writes.burst-capacity=2",
            "learnscale.rate-limit.fail-open-for=200ms"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RateLimitIntegrationTests {

    /** More requests than a bucket ever holds here, even with a refill or two while they are sent. */
    private static final int ENOUGH = 12;

    @RegisterExtension
    static final TestUpstream content = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestUpstream quiz = TestUpstream.start("quiz-service-1");

    static final TcpProxy redisProxy =
            TcpProxy.start("redis", "127.0.0.1", EmbeddedServers.redis().port());
    static final AtomicInteger requests = new AtomicInteger();

    @RegisterExtension
    static final TestInstances instances =
            TestInstances.of(List.of(Entry.of("content-service", content), Entry.of("quiz-service", quiz)));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        instances.register(registry);
        registry.add("spring.data.redis.host", redisProxy::host);
        registry.add("spring.data.redis.port", redisProxy::port);
    }

    @AfterAll
    static void closeRedisProxy() {
        redisProxy.close();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void freshBucketsAndReadyServices() {
        redis.execute(connection -> connection.serverCommands().flushAll()).blockLast(Duration.ofSeconds(5));
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    @Test
    void everyAnswerCarriesTheClientsBudget() {
        http.get()
                .uri("/api/topics/budget")
                .header(HttpHeaders.AUTHORIZATION, bearer("counted-1"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "3")
                .expectHeader()
                .valueEquals("X-RateLimit-Replenish-Rate", "1")
                .expectHeader()
                .valueEquals("X-RateLimit-Burst-Capacity", "4");
    }

    @Test
    void overBudgetIsATooManyRequestsProblemWithRetryAfterAndTheBudgetHeaders() {
        double deniedBefore = counter("gateway.rate.limiter.denied", "reads");

        EntityExchangeResult<String> refused = spend(HttpMethod.GET, "/api/topics/spent", bearer("greedy-1"));

        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
        assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("4");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        String requestId = headers.getFirst("X-Request-Id");
        String body = refused.getResponseBody();
        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("urn:learnscale:problem:too-many-requests");
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(429);
        assertThat(JsonPath.<String>read(body, "$.title")).isEqualTo("Too Many Requests");
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("reads", "1 a second", "bursts of up to 4");
        assertThat(JsonPath.<String>read(body, "$.requestId")).isEqualTo(requestId);
        assertThat(content.reached(requestId)).isFalse();
        assertThat(counter("gateway.rate.limiter.denied", "reads")).isGreaterThan(deniedBefore);
    }

    @Test
    void aClientOverBudgetDoesNotSpendAnotherClientsBudget() {
        spend(HttpMethod.GET, "/api/topics/mine", bearer("greedy-2"));

        assertThat(status(HttpMethod.GET, "/api/topics/theirs", bearer("modest-2")))
                .isEqualTo(200);
        assertThat(status(HttpMethod.GET, "/api/topics/anyones", null)).isEqualTo(200);
    }

    @Test
    void anonymousCallersAreBudgetedByAddressAndSignedInOnesByTheirToken() {
        spend(HttpMethod.GET, "/api/topics/anonymous", null);

        // the same address, now with a token: a budget of its own
        assertThat(status(HttpMethod.GET, "/api/topics/signed-in", bearer("from-the-same-address")))
                .isEqualTo(200);
    }

    @Test
    void writesHaveABudgetOfTheirOwn() {
        String author = bearer("author-3", "author");
        EntityExchangeResult<String> refused = spend(HttpMethod.PUT, "/api/topics/rewritten", author);

        assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity"))
                .isEqualTo("2");
        assertThat(JsonPath.<String>read(refused.getResponseBody(), "$.detail")).contains("writes");
        assertThat(status(HttpMethod.GET, "/api/topics/still-readable", author)).isEqualTo(200);
    }

    @Test
    void readsDoNotSpendTheWriteBudget() {
        String user = bearer("reader-4", "user");
        spend(HttpMethod.GET, "/api/quizzes/q-4", user);

        assertThat(status(HttpMethod.POST, "/api/quizzes/q-4/attempts", user)).isEqualTo(200);
    }

    @Test
    void aRefusedClientIsServedAgainOnceItsBucketRefills() {
        String token = bearer("patient-5");
        spend(HttpMethod.GET, "/api/topics/later", token);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status(HttpMethod.GET, "/api/topics/later", token) == 200);
    }

    @Test
    void theBucketsLiveInRedisWhereEveryGatewayInstanceSeesThem() {
        status(HttpMethod.GET, "/api/topics/shared", bearer("shared-6"));

        assertThat(redis.opsForValue()
                        .get("request_rate_limiter.{reads:user:shared-6}.tokens")
                        .block(Duration.ofSeconds(5)))
                .isEqualTo("3");
    }

    @Test
    void withRedisUnreachableEveryRequestIsServedAndCountedAsFailOpen(CapturedOutput output) {
        String token = bearer("outage-7");
        http.get()
                .uri("/api/topics/before-the-outage")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("X-RateLimit-Remaining");
        double failOpenBefore = counter("gateway.rate.limiter.fail.open", "reads");

        redisProxy.cut();
        try {
            for (int i = 0; i < ENOUGH; i++) {
                http.get()
                        .uri("/api/topics/during-the-outage")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .doesNotExist("X-RateLimit-Remaining");
            }

            assertThat(counter("gateway.rate.limiter.fail.open", "reads"))
                    .isGreaterThanOrEqualTo(failOpenBefore + ENOUGH);
            assertThat(prometheus()).containsPattern("gateway_rate_limiter_fail_open_total\\{[^}]*kind=\"reads\"");
            assertThat(output.getOut()).containsOnlyOnce("Rate limiter fails open");
        } finally {
            redisProxy.restore();
        }

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> http.get()
                        .uri("/api/topics/after-the-outage")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .exchange()
                        .expectHeader()
                        .exists("X-RateLimit-Remaining"));
        assertThat(output.getOut()).contains("Redis answers the rate limiter again");
    }

    /** Sends requests until one is refused, and returns that one; the ones before it were served. */
    private EntityExchangeResult<String> spend(HttpMethod method, String path, @Nullable String authorization) {
        for (int i = 0; i < ENOUGH; i++) {
            EntityExchangeResult<String> result = send(method, path, authorization);
            if (result.getStatus().value() == 429) {
                assertThat(i).as("requests served before the first 429").isGreaterThanOrEqualTo(2);
                return result;
            }
            assertThat(result.getStatus().value()).isEqualTo(200);
        }
        throw new AssertionError(ENOUGH + " requests of " + path + " and never a 429");
    }

    private int status(HttpMethod method, String path, @Nullable String authorization) {
        return send(method, path, authorization).getStatus().value();
    }

    private EntityExchangeResult<String> send(HttpMethod method, String path, @Nullable String authorization) {
        WebTestClient.RequestBodySpec request =
                http.method(method).uri(path).header("X-Request-Id", "rate-" + requests.incrementAndGet());
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (method != HttpMethod.GET) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return request.exchange().expectBody(String.class).returnResult();
    }

    private double counter(String name, String kind) {
        var counter = meters.find(name).tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private String prometheus() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static String bearer(String user, String... roles) {
        return "Bearer " + TestTokens.valid(user, roles.length == 0 ? new String[] {"user"} : roles);
    }
}
