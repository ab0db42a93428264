package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.search.SearchServiceApplication;
import io.learnscale.search.TestEvents;
import io.learnscale.search.TestHttp;
import io.learnscale.search.TestKafka;
import io.learnscale.testsupport.EmbeddedServers;
import io.learnscale.testsupport.TcpProxy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis goes away for a while (a proxy in front of the real server cuts every connection, so no data is lost) and
 * comes back: nothing is dead-lettered, and the totals are exact. This instance uses its own topic and group, so no
 * other test context competes for the records.
 */
@SpringBootTest(
        classes = SearchServiceApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.analytics.topic=" + RedisOutageTests.TOPIC,
            "learnscale.analytics.group=analytics-outage-test",
            "learnscale.analytics.lag-interval=1s",
            "learnscale.search.topic=content.topics.outage-test"
        })
class RedisOutageTests {

    static final String TOPIC = "quiz.attempts.outage-test";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TcpProxy redis;

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void createTopic() {
        TestKafka.createTopic(EmbeddedServers.kafka().bootstrapServers(), TOPIC, 6, false);
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", () -> EmbeddedServers.kafka().bootstrapServers());
        registry.add("spring.data.redis.host", () -> proxy().host());
        registry.add("spring.data.redis.port", () -> proxy().port());
    }

    @AfterAll
    static void closeProxy() {
        if (redis != null) {
            redis.restore();
        }
    }

    @Test
    void whileRedisIsAwayNothingIsDeadLetteredAndTheTotalsAreExactOnceItIsBack() {
        TestHttp http = new TestHttp(port);
        String quiz = "outage-" + UUID.randomUUID();
        List<String> before = attempts(quiz, 10);
        before.forEach(event -> kafka.send(TOPIC, user(event), event));
        await().atMost(WAIT).untilAsserted(() -> assertThat(total(http, quiz)).isEqualTo(10));

        proxy().cut();
        double failures = infrastructureFailures();
        List<String> during = attempts(quiz, 15);
        during.forEach(event -> kafka.send(TOPIC, user(event), event));
        during.subList(0, 5).forEach(event -> kafka.send(TOPIC, user(event), event)); // and some twice

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(infrastructureFailures()).isGreaterThan(failures);
            assertThat(lag()).isPositive();
            ResponseEntity<String> unavailable = http.get("/api/analytics/quizzes/" + quiz);
            assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
            assertThat(JsonPath.<String>read(unavailable.getBody(), "$.type"))
                    .isEqualTo("urn:learnscale:problem:analytics-unavailable");
        });
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                TestKafka.records(EmbeddedServers.kafka().bootstrapServers(), TOPIC + ".DLT"))
                        .isZero());

        proxy().restore();

        await().atMost(WAIT).untilAsserted(() -> assertThat(total(http, quiz)).isEqualTo(25));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isZero());
        assertThat(total(http, quiz)).isEqualTo(25);
        assertThat(TestKafka.records(EmbeddedServers.kafka().bootstrapServers(), TOPIC + ".DLT"))
                .isZero();
        assertThat(deadLettered()).isZero();
    }

    private double infrastructureFailures() {
        Counter counter =
                meters.find("learnscale.analytics.infrastructure.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered() {
        Counter counter = meters.find("learnscale.analytics.dead.lettered")
                .tag("topic", TOPIC)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** The group's lag over the partitions this instance owns (all of them: it is alone in its group). */
    private double lag() {
        return meters.find(ConsumerLag.METRIC).tag("topic", TOPIC).gauges().stream()
                .mapToDouble(Gauge::value)
                .sum();
    }

    private static synchronized TcpProxy proxy() {
        if (redis == null) {
            redis = TcpProxy.start("redis", "127.0.0.1", EmbeddedServers.redis().port());
        }
        return redis;
    }

    private static List<String> attempts(String quiz, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(
                    TestEvents.attempt(UUID.randomUUID().toString(), quiz, "scaling", "user-" + i, true, i % 2 == 0));
        }
        return events;
    }

    private static String user(String event) {
        return JsonPath.read(event, "$.data.userId");
    }

    private static int total(TestHttp http, String quiz) {
        ResponseEntity<String> response = http.get("/api/analytics/quizzes/" + quiz);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return JsonPath.read(response.getBody(), "$.attempts");
    }
}
