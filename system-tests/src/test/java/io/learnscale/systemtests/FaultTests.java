package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each fault in turn under a steady stream of reads and attempts (issue: faults with exact counts): every request
 * ends accepted, refused with 503 problem+json (nothing recorded) or failed, and the analytics count exactly the
 * accepted attempts. Outages last {@code learnscale.faults.outage} seconds (5 in the suite, 30 in the long run);
 * every test leaves the stack as it found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(80)
class FaultTests {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("learnscale.faults.outage", 5));
    private static final String TOPIC = "/api/topics/horizontal-scaling";

    private final Stack stack = SystemStack.get();
    private final String gateway = stack.gatewayUrl();

    @Test
    @Order(1)
    void aContentInstanceKilledWithKill9CostsNoReadAndLosesItsTrafficWithinFiveSeconds() {
        stack.scale(Service.CONTENT, 3);
        AppInstance victim = stack.instances(Service.CONTENT).getLast();
        String quiz = quiz(1);
        int before = Traffic.counted(gateway, quiz);
        long movedMillis;
        Traffic traffic =
                Traffic.start(gateway, quiz, Traffic.Keys.NONE, List.of(TOPIC, "/api/topics?size=5", "/api/sections"));
        try (traffic) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.readsOk() >= 20);
            long killed = System.nanoTime();
            victim.kill();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !routable(Service.CONTENT, victim.id()));
            movedMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
            int readsThen = traffic.readsOk();
            await().atMost(Duration.ofSeconds(30)).until(() -> traffic.readsOk() >= readsThen + 60);
        }
        int counted = awaitCounted(quiz, before + traffic.attemptsAccepted());
        System.out.println(traffic.figures("kill -9 content-service", counted - before)
                + "; traffic moved off the killed instance in " + movedMillis + " ms");

        assertThat(counted - before).as("counted").isEqualTo(traffic.attemptsAccepted());
        assertThat(traffic.readFailures()).isEmpty();
        assertThat(traffic.attemptsFailed()).isEmpty();
        assertThat(traffic.attemptsRefused()).isEmpty();
        assertThat(movedMillis).isLessThanOrEqualTo(5_000);
        stack.scale(Service.CONTENT, 2);
    }

    @Test
    @Order(2)
    void aSearchInstanceKilledMidBatchAndRestartedLeavesTheAnalyticsExact() {
        stack.scale(Service.SEARCH, 2);
        AppInstance victim = stack.instances(Service.SEARCH).getLast();
        String quiz = quiz(2);
        int before = Traffic.counted(gateway, quiz);
        Traffic traffic = Traffic.start(gateway, quiz, Traffic.Keys.NONE, List.of(TOPIC, "/api/search?q=scaling"));
        try (traffic) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> traffic.attempts().size() >= 20);
            victim.kill(); // mid-batch: its partitions' records are in flight
            int sentThen = traffic.attempts().size();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> traffic.attempts().size() >= sentThen + 20);
            stack.scale(Service.SEARCH, 2); // restarted: it rejoins the group and takes partitions back
            int sentRestarted = traffic.attempts().size();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> traffic.attempts().size() >= sentRestarted + 10);
        }
        int counted = awaitCounted(quiz, before + traffic.attemptsAccepted());
        System.out.println(traffic.figures("kill -9 search-service mid-batch, restarted", counted - before));

        assertThat(counted - before).as("counted").isEqualTo(traffic.attemptsAccepted());
        assertThat(traffic.readFailures()).isEmpty();
        assertThat(traffic.attemptsFailed()).isEmpty();
        assertThat(traffic.attemptsRefused()).isEmpty();
        assertThat(counted - before).isEqualTo(traffic.attempts().size());
        stack.scale(Service.SEARCH, 1);
    }

    @Test
    @Order(3)
    void redisDownKeepsReadsAndUnkeyedAttemptsRefusesKeyedOnesAndRecoversByItself() {
        String quiz = quiz(3);
        int before = Traffic.counted(gateway, quiz);
        long deadLettered = KafkaTopics.records("quiz.attempts.DLT");
        double failedOpen = Metrics.sum(Service.GATEWAY, "gateway_rate_limiter_fail_open_total");
        long stopped;
        long restarted;
        Traffic traffic = Traffic.start(
                gateway, quiz, Traffic.Keys.EVERY_THIRD, List.of(TOPIC, "/api/quizzes/" + quiz, "/api/sections"));
        try (traffic) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.attemptsAccepted() >= 8);
            stopped = System.nanoTime();
            stack.redis().stop();
            try {
                hold(OUTAGE);
            } finally {
                stack.redis().start();
                restarted = System.nanoTime();
            }
            // recovers by itself: keyed attempts are accepted again
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> traffic.attempts().stream()
                            .anyMatch(a -> a.keyed() && a.status() == 201 && a.sentAtNanos() > restarted));
        }
        int counted = awaitCounted(quiz, before + traffic.attemptsAccepted());
        double failedOpenDuring = Metrics.sum(Service.GATEWAY, "gateway_rate_limiter_fail_open_total") - failedOpen;
        System.out.println(traffic.figures("Redis stopped for " + OUTAGE.toSeconds() + " s", counted - before)
                + "; let through by the failed-open rate limiter: " + (long) failedOpenDuring);

        assertThat(counted - before).as("counted").isEqualTo(traffic.attemptsAccepted());
        assertThat(traffic.readFailures()).isEmpty();
        assertThat(traffic.attemptsFailed()).isEmpty();
        assertThat(traffic.attempts())
                .filteredOn(a -> !a.keyed())
                .allSatisfy(a -> assertThat(a.status()).as(a.detail()).isEqualTo(201));
        List<Traffic.Attempt> keyedDuring = traffic.attempts().stream()
                .filter(a -> a.keyed() && a.sentAtNanos() > stopped && a.sentAtNanos() < restarted)
                .toList();
        assertThat(keyedDuring)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).as(a.detail()).isEqualTo(503));
        assertThat(failedOpenDuring).isPositive();
        assertThat(KafkaTopics.records("quiz.attempts.DLT")).as("dead-lettered").isEqualTo(deadLettered);
    }

    @Test
    @Order(4)
    void kafkaDownRefusesAttemptsWith503InTimeWhileContentWritesGoThroughTheOutboxLater() {
        String quiz = quiz(4);
        int before = Traffic.counted(gateway, quiz);
        String word =
                "kraftless" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String slug = "outage-" + word;
        long restarted;
        HttpResponse<String> written;
        Traffic traffic = Traffic.start(gateway, quiz, Traffic.Keys.NONE, List.of(TOPIC, "/api/search?q=scaling"));
        try (traffic) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.attemptsAccepted() >= 8);
            stack.kafka().stop();
            try {
                written = Http.postJson(
                        gateway + "/api/topics", """
                        {"slug": "%s", "section": "apis", "title": "Written while Kafka was down", "body": "%s"}""".formatted(slug, word), Tokens.bearer("author-1", "author"));
                hold(OUTAGE);
            } finally {
                stack.kafka().start();
                restarted = System.nanoTime();
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> traffic.attempts().stream()
                            .anyMatch(a -> a.status() == 201 && a.sentAtNanos() > restarted));
        }
        // the write made during the outage reaches content.topics, and so the search index
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(JsonPath.<List<String>>read(
                                Http.get(gateway + "/api/search?q=" + word).body(), "$.hits[*].slug"))
                        .contains(slug));
        int counted = awaitCounted(quiz, before + traffic.attemptsAccepted());
        System.out.println(traffic.figures("Kafka stopped for " + OUTAGE.toSeconds() + " s", counted - before));

        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        assertThat(counted - before).as("counted").isEqualTo(traffic.attemptsAccepted());
        assertThat(traffic.readFailures()).isEmpty();
        assertThat(traffic.attemptsFailed())
                .as("neither 201 nor 503 problem+json with Retry-After")
                .isEmpty();
        assertThat(traffic.attemptsRefused()).isNotEmpty();
        assertThat(traffic.slowestAttemptMillis())
                .as("within the gateway's 5 s timeout")
                .isLessThan(5_000);
        Http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/topics/" + slug))
                .header("Authorization", Tokens.bearer("author-1", "author"))
                .DELETE());
    }

    @Test
    @Order(5)
    void postgresDownServesCachedReadsAndAttemptsAndRefusesWritesWith503() {
        String quiz = quiz(5);
        String author = Tokens.bearer("author-1", "author");
        // a topic cached just now: a topic's cache entry lives 120 s, and one that expires during the outage is a 503
        String cached = "pg-cached-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Http.postJson(gateway + "/api/topics", """
                        {"slug": "%s", "section": "apis", "title": "Cached", "body": "Read before the outage."}""".formatted(cached), author)
                        .statusCode())
                .isEqualTo(201);
        for (int i = 0; i < 4; i++) { // every instance has the quiz and the topic in its caches
            assertThat(Http.get(gateway + "/api/quizzes/" + quiz).statusCode()).isEqualTo(200);
            assertThat(Http.get(gateway + "/api/topics/" + cached).statusCode()).isEqualTo(200);
        }
        int before = Traffic.counted(gateway, quiz);
        String slug = "pg-outage-" + UUID.randomUUID().toString().substring(0, 8);
        String topicBody = """
                {"slug": "%s", "section": "apis", "title": "PostgreSQL outage", "body": "Written after it."}""".formatted(slug);
        HttpResponse<String> topicWrite;
        HttpResponse<String> quizWrite;
        Traffic traffic = Traffic.start(
                gateway, quiz, Traffic.Keys.NONE, List.of("/api/topics/" + cached, "/api/quizzes/" + quiz));
        try (traffic) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.attemptsAccepted() >= 8);
            stack.postgres().stop();
            try {
                topicWrite = Http.postJson(gateway + "/api/topics", topicBody, author);
                quizWrite = Http.postJson(gateway + "/api/quizzes", """
                        {"id": "%s", "section": "apis", "title": "Outage",
                         "questions": [{"id": "q1", "text": "Up?", "explanation": "No.", "topicSlug": "what-is-an-api",
                                        "choices": [{"id": "a", "text": "Yes", "correct": false},
                                                    {"id": "b", "text": "No", "correct": true}]}]}""".formatted(slug), author);
                hold(OUTAGE);
            } finally {
                stack.postgres().start();
            }
            // writes recover by themselves
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Http.postJson(gateway + "/api/topics", topicBody, author)
                                    .statusCode()
                            == 201);
        }
        int counted = awaitCounted(quiz, before + traffic.attemptsAccepted());
        System.out.println(traffic.figures("PostgreSQL stopped for " + OUTAGE.toSeconds() + " s", counted - before)
                + "; writes during the outage: topic " + topicWrite.statusCode() + ", quiz " + quizWrite.statusCode());

        EdgeTests.assertProblem(topicWrite, 503);
        EdgeTests.assertProblem(quizWrite, 503);
        assertThat(Http.get(gateway + "/api/quizzes/" + slug).statusCode())
                .as("the refused quiz")
                .isEqualTo(404);
        assertThat(counted - before).as("counted").isEqualTo(traffic.attemptsAccepted());
        assertThat(traffic.readFailures()).isEmpty();
        assertThat(traffic.attemptsFailed()).isEmpty();
        assertThat(traffic.attemptsAccepted()).isEqualTo(traffic.attempts().size());
        for (String topic : List.of(slug, cached)) {
            Http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/topics/" + topic))
                    .header("Authorization", author)
                    .DELETE());
        }
    }

    @Test
    @Order(6)
    void aPoisonRecordOnEachTopicIsSetAsideAndCountedWhileTheStreamGoesOn() {
        String quiz = quiz(6);
        int before = Traffic.counted(gateway, quiz);
        long dltBefore = KafkaTopics.records("quiz.attempts.DLT");
        long topicsDltBefore = KafkaTopics.records("content.topics.DLT");
        double deadLetteredBefore = Metrics.sum(Service.SEARCH, "learnscale_analytics_dead_lettered_total");
        double rejectedBefore = Metrics.sum(Service.SEARCH, "learnscale_search_index_rejected_total");
        int searchInstances = stack.instances(Service.SEARCH).size();
        String word = "poisoned" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String slug = "after-" + word;
        Traffic traffic = Traffic.start(gateway, quiz, Traffic.Keys.NONE, List.of(TOPIC, "/api/search?q=scaling"));
        try (traffic) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.attemptsAccepted() >= 8);
            KafkaTopics.send("quiz.attempts", "mallory", "{\"id\": \"not an attempt\", \"data\": 42");
            KafkaTopics.send("content.topics", "poison", "{\"type\": \"TopicUpserted\", \"data\": [");
            int sentThen = traffic.attempts().size();
            // the stream goes on behind them
            assertThat(Http.postJson(
                                    gateway + "/api/topics",
                                    """
                            {"slug": "%s", "section": "apis", "title": "After the poison", "body": "%s"}""".formatted(slug, word),
                                    Tokens.bearer("author-1", "author"))
                            .statusCode())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> traffic.attempts().size() >= sentThen + 20);
        }
        int counted = awaitCounted(quiz, before + traffic.attemptsAccepted());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(JsonPath.<List<String>>read(
                                Http.get(gateway + "/api/search?q=" + word).body(), "$.hits[*].slug"))
                        .contains(slug));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(KafkaTopics.records("quiz.attempts.DLT")).isEqualTo(dltBefore + 1);
            // every search instance reads every record: each sets its copy aside (compacted to one by position)
            assertThat(KafkaTopics.records("content.topics.DLT")).isEqualTo(topicsDltBefore + searchInstances);
            assertThat(Metrics.sum(Service.SEARCH, "learnscale_analytics_dead_lettered_total"))
                    .isEqualTo(deadLetteredBefore + 1);
            assertThat(Metrics.sum(Service.SEARCH, "learnscale_search_index_rejected_total"))
                    .isEqualTo(rejectedBefore + searchInstances);
        });
        System.out.println(traffic.figures("a poison record on quiz.attempts and content.topics", counted - before)
                + "; quiz.attempts.DLT +" + (KafkaTopics.records("quiz.attempts.DLT") - dltBefore)
                + ", content.topics.DLT +" + (KafkaTopics.records("content.topics.DLT") - topicsDltBefore) + " (one per"
                + " search instance: " + searchInstances + ")");

        assertThat(counted - before).as("counted").isEqualTo(traffic.attemptsAccepted());
        assertThat(traffic.readFailures()).isEmpty();
        assertThat(traffic.attemptsFailed()).isEmpty();
        assertThat(counted - before).isEqualTo(traffic.attempts().size());
        Http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/topics/" + slug))
                .header("Authorization", Tokens.bearer("author-1", "author"))
                .DELETE());
    }

    /**
     * Waits until the analytics count {@code expected} attempts and stay there (no late double count); returns what
     * they count at the end, so a test prints its figures before it asserts them.
     */
    private int awaitCounted(String quiz, int expected) {
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions() // the search-service breaker may still be open after an outage
                    .until(() -> Traffic.counted(gateway, quiz) == expected);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Traffic.counted(gateway, quiz) == expected);
        } catch (ConditionTimeoutException e) {
            // reported by the caller's assertion, after its figures
        }
        return Traffic.counted(gateway, quiz);
    }

    /** A quiz of its own for each fault, so one fault's late records cannot blur another's count. */
    private String quiz(int n) {
        List<String> ids = JsonPath.read(Http.get(gateway + "/api/quizzes").body(), "$[*].id");
        return ids.get(n % ids.size());
    }

    /** Whether the gateway still sends traffic to an instance (its instances endpoint, management port). */
    private boolean routable(Service service, String id) {
        String view = Http.get(stack.instances(Service.GATEWAY).getFirst().managementUrl() + "/actuator/instances")
                .body();
        List<Boolean> ready =
                JsonPath.read(view, "$.services['" + service.serviceName() + "'][?(@.id == '" + id + "')].ready");
        return ready.contains(true);
    }

    /** Keeps a fault in place while the traffic runs: a duration to hold, not an outcome to wait for. */
    private static void hold(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
