package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.search.SearchServiceTest;
import io.learnscale.search.TestEvents;
import io.learnscale.search.TestHttp;
import io.learnscale.search.TestKafka;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * POST /api/admin/analytics/rebuild replays quiz.attempts into fresh aggregates and swaps them in; an admin asks for it,
 * follows it, and compares what analytics says (every user's progress included) before and after.
 */
@SearchServiceTest
class RebuildIntegrationTests {

    private static final String TOPIC = AnalyticsIntegrationTests.TOPIC;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @BeforeAll
    static void createTopic(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        TestKafka.createTopic(bootstrapServers, TOPIC, 6, false);
    }

    @Test
    void aRebuildGivesTheSameTotalsAndKeepsAttemptsThatArriveMeanwhile() throws Exception {
        TestHttp http = new TestHttp(port).as("root", "admin"); // the rebuild, its status and every user's progress
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> quizzes = List.of("rebuild-a-" + run, "rebuild-b-" + run, "rebuild-c-" + run);
        List<String> users = List.of("ann-" + run, "ben-" + run, "cat-" + run, "dan-" + run, "eve-" + run);
        for (int i = 0; i < 30; i++) {
            String user = users.get(i % users.size());
            String event = TestEvents.attempt(
                    UUID.randomUUID().toString(),
                    quizzes.get(i % quizzes.size()),
                    i % 2 == 0 ? "scaling" : "caching",
                    user,
                    i % 2 == 0,
                    i % 3 == 0,
                    true);
            kafka.send(TOPIC, user, event);
            if (i % 5 == 0) {
                kafka.send(TOPIC, user, event); // redelivered
            }
        }
        kafka.send(TOPIC, users.get(0), "poison " + run).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(quizzes.stream()
                                .mapToInt(quiz -> JsonPath.read(
                                        http.get("/api/analytics/quizzes/" + quiz)
                                                .getBody(),
                                        "$.attempts"))
                                .sum())
                        .isEqualTo(30));
        Map<String, String> before = snapshot(http, quizzes, users);

        ResponseEntity<String> accepted = http.post("/api/admin/analytics/rebuild");
        String live = "rebuild-live-" + run;
        for (int i = 0; i < 5; i++) {
            String user = "live-" + i + "-" + run;
            kafka.send(TOPIC, user, TestEvents.attempt(UUID.randomUUID().toString(), live, "s", user, true));
        }

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/admin/analytics/rebuild");
        int generation = JsonPath.read(accepted.getBody(), "$.generation");
        await().atMost(WAIT).untilAsserted(() -> {
            String status = http.get("/api/admin/analytics/rebuild").getBody();
            assertThat(JsonPath.<String>read(status, "$.state")).isEqualTo("done");
            assertThat(JsonPath.<Integer>read(status, "$.generation")).isEqualTo(generation);
            assertThat(JsonPath.<Integer>read(status, "$.skipped")).isPositive();
        });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(JsonPath.<Integer>read(
                                http.get("/api/analytics/quizzes/" + live).getBody(), "$.attempts"))
                        .isEqualTo(5));
        Map<String, String> after = snapshot(http, quizzes, users);

        assertThat(after).isEqualTo(before);
    }

    /** What analytics says about these quizzes and users: quiz statistics, progress and leaderboard points. */
    private static Map<String, String> snapshot(TestHttp http, List<String> quizzes, List<String> users) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String quiz : quizzes) {
            snapshot.put(quiz, http.get("/api/analytics/quizzes/" + quiz).getBody());
        }
        String leaderboard =
                http.get("/api/analytics/leaderboard", "limit", "100").getBody();
        for (String user : users) {
            String progress = http.get("/api/analytics/users/" + user).getBody();
            List<Integer> points = JsonPath.read(leaderboard, "$.entries[?(@.userId == '" + user + "')].points");
            snapshot.put(user, progress + " points " + points);
        }
        return snapshot;
    }
}
