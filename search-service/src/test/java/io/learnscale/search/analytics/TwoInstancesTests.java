package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.search.SearchServiceApplication;
import io.learnscale.search.SearchServiceTest;
import io.learnscale.search.TestEvents;
import io.learnscale.search.TestHttp;
import io.learnscale.search.TestKafka;
import io.learnscale.testsupport.TestTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Competing consumers: a second instance (its own application context, same Kafka and Redis) joins group
 * {@code analytics}, the partitions are split between the two, and the totals stay exact while it leaves mid-stream
 * and comes back.
 */
@SearchServiceTest
class TwoInstancesTests {

    private static final String TOPIC = AnalyticsIntegrationTests.TOPIC;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2, 3, 4, 5);

    @LocalServerPort
    int port;

    @Autowired
    ConsumerLag lag;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaConnectionDetails kafkaConnection;

    @Autowired
    DataRedisConnectionDetails redisConnection;

    @BeforeAll
    static void createTopic(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        TestKafka.createTopic(bootstrapServers, TOPIC, 6, false);
    }

    @Test
    void partitionsAreSplitAndTotalsStayExactWhenAnInstanceLeavesMidStreamAndComesBack() throws Exception {
        String quiz = "two-instances-" + UUID.randomUUID();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(TestEvents.attempt(UUID.randomUUID().toString(), quiz, "scaling", user(i), i % 2 == 0, true));
        }

        try (ConfigurableApplicationContext second = startInstance("search-service-2")) {
            ConsumerLag secondLag = second.getBean(ConsumerLag.class);
            awaitSplitWith(secondLag);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(lagGaugePartitions(meters, "search-service-1")).isEqualTo(lag.ownedPartitions());
                assertThat(lagGaugePartitions(second.getBean(MeterRegistry.class), "search-service-2"))
                        .isEqualTo(secondLag.ownedPartitions());
            });
            send(events.subList(0, 40));
        } // leaves mid-stream: what it fetched and did not commit is redelivered to the first instance
        send(events.subList(40, 80));

        try (ConfigurableApplicationContext back = startInstance("search-service-2")) {
            awaitSplitWith(back.getBean(ConsumerLag.class));
            send(events.subList(80, 100));
            send(events.subList(0, 10)); // sent again: counted once

            TestHttp first = new TestHttp(port);
            TestHttp other =
                    new TestHttp(back.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(attempts(first, quiz)).isEqualTo(100);
                assertThat(attempts(other, quiz)).isEqualTo(100);
            });
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(attempts(first, quiz)).isEqualTo(100));
        }
    }

    private void awaitSplitWith(ConsumerLag other) {
        await().atMost(WAIT).untilAsserted(() -> {
            Set<Integer> mine = lag.ownedPartitions();
            Set<Integer> theirs = other.ownedPartitions();
            assertThat(mine).isNotEmpty();
            assertThat(theirs).isNotEmpty();
            assertThat(mine).doesNotContainAnyElementsOf(theirs);
            Set<Integer> both = new HashSet<>(mine);
            both.addAll(theirs);
            assertThat(both).isEqualTo(ALL_PARTITIONS);
        });
    }

    private ConfigurableApplicationContext startInstance(String instanceId) {
        return new SpringApplicationBuilder(SearchServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--learnscale.instance-id=" + instanceId,
                        // not a test context: it trusts the test tokens only when told so
                        "--learnscale.jwt.secret=" + TestTokens.SECRET,
                        "--learnscale.jwt.issuer-uri=",
                        "--learnscale.analytics.lag-interval=1s",
                        "--spring.kafka.bootstrap-servers=" + String.join(",", kafkaConnection.getBootstrapServers()),
                        "--spring.data.redis.host="
                                + redisConnection.getStandalone().getHost(),
                        "--spring.data.redis.port="
                                + redisConnection.getStandalone().getPort());
    }

    private void send(List<String> events) throws Exception {
        for (int i = 0; i < events.size(); i++) {
            String user = JsonPath.read(events.get(i), "$.data.userId");
            kafka.send(TOPIC, user, events.get(i));
        }
        kafka.flush();
    }

    private static Set<Integer> lagGaugePartitions(MeterRegistry registry, String instance) {
        return registry.find(ConsumerLag.METRIC).tag("group", "analytics").tag("instance", instance).gauges().stream()
                .map(Gauge::getId)
                .map(id -> Integer.valueOf(id.getTag("partition")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int attempts(TestHttp http, String quiz) {
        return JsonPath.read(http.get("/api/analytics/quizzes/" + quiz).getBody(), "$.attempts");
    }

    private static String user(int i) {
        return "user-" + (i % 12);
    }
}
