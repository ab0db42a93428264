package io.learnscale.quiz.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.quiz.AttemptsTopic;
import io.learnscale.quiz.Http;
import io.learnscale.quiz.redis.RedisGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * quiz-service while its dependencies fail: real PostgreSQL, Redis and Kafka behind proxies that cut (the server looks
 * down) or stall (it looks hung) and restore. This instance trusts its own copy of a quiz for no time at all
 * ({@code local-ttl=0s}), so every read goes to Redis or PostgreSQL and the last copy is only a last resort.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.quiz-cache.local-ttl=0s",
            "learnscale.quiz-cache.retry-evictions-every=200ms",
            "resilience4j.circuitbreaker.instances.redis.wait-duration-in-open-state=300ms"
        })
class OutageTests {

    static final String ATTEMPTS = "/api/quizzes/scaling-techniques/attempts";
    static final String USER = "ada";
    static final String ALL_RIGHT = """
            {"answers": {"q1": ["a"], "q2": ["a", "b", "d"], "q3": ["b"], "q4": ["a", "b", "d"], "q5": ["c"]}}""";

    /** The 503 must come within the producer's delivery timeout (3 s) plus some slack, well before a client gives up. */
    static final Duration KAFKA_BOUND = Duration.ofSeconds(6);

    static final Outages outages = Outages.get();

    @DynamicPropertySource
    static void behindProxies(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", outages::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.data.redis.host", outages.redis::host);
        registry.add("spring.data.redis.port", outages.redis::port);
        registry.add("spring.kafka.bootstrap-servers", outages.kafka::bootstrapServers);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void heal() {
        outages.restoreAll();
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> "PONG".equals(redis.execute(RedisConnection::ping)));
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> jdbc.sql("select 1").query(Integer.class).single() == 1);
        breakers.circuitBreaker(RedisGuard.BREAKER).reset();
    }

    @Test
    void kafkaDownIsA503WithinTheBoundAndTheSameKeyedRequestIsAcceptedOnceWhenKafkaIsBack() {
        String key = UUID.randomUUID().toString();
        Http http = http();
        outages.kafka.cut();

        long started = System.nanoTime();
        ResponseEntity<String> refused = http.post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(JsonPath.<String>read(refused.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:attempts-unavailable");
        assertThat(took).isLessThan(KAFKA_BOUND);

        outages.kafka.restore();
        ResponseEntity<String> accepted = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key),
                        r -> r.getStatusCode().value() == 201);
        ResponseEntity<String> replayed = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);

        String attemptId = JsonPath.read(accepted.getBody(), "$.attemptId");
        assertThat(replayed.getBody()).isEqualTo(accepted.getBody());
        assertThat(AttemptsTopic.withId(outages.kafkaDirect(), attemptId)).hasSize(1);
    }

    @Test
    void anUnkeyedAttemptRefusedWhileKafkaIsDownIsNeverRecorded() {
        String requestId = "kafka-down-" + UUID.randomUUID();
        outages.kafka.cut();

        ResponseEntity<String> refused = http().post(ATTEMPTS, ALL_RIGHT, "X-Request-Id", requestId);

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        outages.kafka.restore();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http().post(ATTEMPTS, ALL_RIGHT).getStatusCode().value() == 201);
        assertThat(AttemptsTopic.all(outages.kafkaDirect()))
                .noneMatch(record -> requestId.equals(AttemptsTopic.header(record, "request-id")));
    }

    @Test
    void aSecondRequestWithTheSameKeyWhileTheFirstIsInFlightIsA409WithRetryAfterOne() {
        String key = UUID.randomUUID().toString();
        http().post(ATTEMPTS, ALL_RIGHT); // the producer has its metadata and connection: the stall holds the attempt
        outages.kafka.stall();

        CompletableFuture<ResponseEntity<String>> first =
                CompletableFuture.supplyAsync(() -> http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key));
        await().atMost(Duration.ofSeconds(5)).until(this::anAttemptIsInFlight);
        ResponseEntity<String> second = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);
        outages.kafka.restore();

        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(JsonPath.<String>read(second.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:attempt-in-flight");
        ResponseEntity<String> firstResponse = first.join();
        assertThat(firstResponse.getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> retry = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);
        assertThat(retry.getBody()).isEqualTo(firstResponse.getBody());
        assertThat(AttemptsTopic.withId(outages.kafkaDirect(), JsonPath.read(firstResponse.getBody(), "$.attemptId")))
                .hasSize(1);
    }

    @Test
    void withRedisDownQuizzesAreServedFromPostgresAndUnkeyedAttemptsGoThrough() {
        outages.redis.cut();

        assertThat(http().get("/api/quizzes/scaling-techniques").getStatusCode().value())
                .isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(http().get("/api/quizzes").getBody(), "$[*].id"))
                .contains("scaling-techniques");
        ResponseEntity<String> attempt = http().post(ATTEMPTS, ALL_RIGHT);
        assertThat(attempt.getStatusCode().value()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(attempt.getBody(), "$.score")).isEqualTo(5);
    }

    @Test
    void withRedisDownAKeyedAttemptIsA503AndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        outages.redis.cut();

        ResponseEntity<String> refused = http().post(ATTEMPTS, ALL_RIGHT, "Idempotency-Key", key);

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(JsonPath.<String>read(refused.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:idempotency-unavailable");
        String attemptId = UUID.nameUUIDFromBytes(
                        ("quiz.attempts\n" + USER + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        assertThat(AttemptsTopic.withId(outages.kafkaDirect(), attemptId)).isEmpty();
    }

    @Test
    void aChangeMadeWhileRedisWasDownIsNotHiddenByTheOldCachedCopyOnceRedisIsBack() {
        String id = "test-" + UUID.randomUUID().toString().substring(0, 8);
        author().post("/api/quizzes", quiz(id, "Before"));
        assertThat(title(id)).isEqualTo("Before"); // now cached in Redis
        outages.redis.cut();

        assertThat(author().put("/api/quizzes/" + id, quiz(id, "After"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(title(id)).isEqualTo("After");

        outages.redis.restore();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("quiz.cache.pending.evictions").gauge().value() == 0);
        title(id); // refills Redis from PostgreSQL
        double redisHits = redisHits();
        assertThat(title(id)).isEqualTo("After");
        assertThat(redisHits()).isGreaterThan(redisHits);
        author().delete("/api/quizzes/" + id);
    }

    @Test
    void withPostgresDownAnAttemptOnACachedQuizIsStillGraded() {
        http().get("/api/quizzes/scaling-techniques");
        outages.postgres.cut();

        ResponseEntity<String> attempt = http().post(ATTEMPTS, ALL_RIGHT);

        assertThat(attempt.getStatusCode().value()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(attempt.getBody(), "$.score")).isEqualTo(5);
        assertThat(http().get("/api/quizzes/scaling-techniques").getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void withPostgresAndRedisDownThisInstancesLastCopyStillGrades() {
        http().get("/api/quizzes/scaling-techniques");
        outages.postgres.cut();
        outages.redis.cut();

        ResponseEntity<String> attempt = http().post(ATTEMPTS, ALL_RIGHT);

        assertThat(attempt.getStatusCode().value()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(attempt.getBody(), "$.score")).isEqualTo(5);
    }

    @Test
    void withPostgresAndRedisDownAQuizNeverReadHereIsA503() {
        outages.postgres.cut();
        outages.redis.cut();

        ResponseEntity<String> response = http().get("/api/quizzes/design-concepts");

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(JsonPath.<String>read(response.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:quizzes-unavailable");
    }

    /** A claimed Idempotency-Key whose attempt has not finished (the records are hashes with a state). */
    private boolean anAttemptIsInFlight() {
        return redis.keys("quiz:idempotency:*").stream()
                .anyMatch(record -> "pending".equals(redis.opsForHash().get(record, "state")));
    }

    private String title(String id) {
        ResponseEntity<String> quiz = http().get("/api/quizzes/" + id);
        assertThat(quiz.getStatusCode().value()).isEqualTo(200);
        return JsonPath.read(quiz.getBody(), "$.title");
    }

    private double redisHits() {
        Counter counter = meters.find("cache.gets")
                .tags("cache", "quizzes", "level", "redis", "result", "hit")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Someone taking quizzes, signed in as {@value #USER}. */
    private Http http() {
        return new Http(port).as(USER, "user");
    }

    private Http author() {
        return new Http(port).as("author-1", "author");
    }

    private static String quiz(String id, String title) {
        return """
                {"id": "%s", "section": "python-in-practice", "title": "%s",
                 "questions": [{"id": "q1", "text": "What does ORM stand for?", "explanation": "Object-Relational Mapping.",
                                "topicSlug": "orm",
                                "choices": [{"id": "a", "text": "Object-Relational Mapping", "correct": true},
                                            {"id": "b", "text": "Object Runtime Model", "correct": false}]}]}""".formatted(id, title);
    }
}
