package io.learnscale.search.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;
import tools.jackson.databind.json.JsonMapper;

/** The Redis scripts behind the aggregates, on a real redis-server of this test's own (it flushes it). */
class AggregatesTests {

    private static RedisServer server;
    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private final Aggregates aggregates =
            new Aggregates(redis, JsonMapper.builder().build());

    @BeforeAll
    static void startRedis() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        connections.destroy();
        server.stop();
    }

    @BeforeEach
    void flush() {
        redis.execute(
                connection -> {
                    connection.serverCommands().flushAll();
                    return null;
                },
                true);
    }

    @Test
    void aQuizHasAttemptsMeansAHistogramAndACorrectRatePerQuestion() {
        aggregates.apply(List.of(
                attempt("a1", "quiz", "ada", 2, 3, results(true, true, false)),
                attempt("a2", "quiz", "bob", 3, 3, results(true, true, true)),
                attempt("a3", "quiz", "cy", 0, 3, results(false, false, false))));

        QuizStatistics quiz = aggregates.quiz("quiz");

        assertThat(quiz.attempts()).isEqualTo(3);
        assertThat(quiz.meanScore()).isCloseTo(5.0 / 3, offset(1e-9));
        assertThat(quiz.meanScorePercent()).isCloseTo(500.0 / 9, offset(1e-9));
        assertThat(quiz.maxScore()).isEqualTo(3);
        assertThat(quiz.histogram())
                .containsExactly(
                        new QuizStatistics.ScoreCount(0, 1),
                        new QuizStatistics.ScoreCount(1, 0),
                        new QuizStatistics.ScoreCount(2, 1),
                        new QuizStatistics.ScoreCount(3, 1));
        assertThat(quiz.questions())
                .containsExactly(
                        new QuizStatistics.QuestionStatistics("q1", 3, 2, 2.0 / 3),
                        new QuizStatistics.QuestionStatistics("q2", 3, 2, 2.0 / 3),
                        new QuizStatistics.QuestionStatistics("q3", 3, 1, 1.0 / 3));
    }

    @Test
    void aQuizNobodyTookHasNothing() {
        assertThat(aggregates.quiz("nobody")).isEqualTo(new QuizStatistics("nobody", 0, 0, 0, 0, List.of(), List.of()));
    }

    @Test
    void anAttemptAppliedTwiceCountsOnce() {
        AttemptSubmitted.Data attempt = attempt("same", "quiz", "ada", 1, 2, results(true, false));

        assertThat(aggregates.apply(List.of(attempt, attempt))).isEqualTo(1);
        assertThat(aggregates.apply(List.of(attempt))).isZero();

        assertThat(aggregates.quiz("quiz").attempts()).isEqualTo(1);
        assertThat(aggregates.user("ada").attempts()).isEqualTo(1);
        assertThat(aggregates.leaderboard(10).entries()).containsExactly(new Leaderboard.Entry(1, "ada", 1, 1));
    }

    @Test
    void aUserHasAttemptsAndTheBestAttemptPerSection() {
        aggregates.apply(List.of(
                attempt("u1", "q-a", "scaling", "ada", 2, 4),
                attempt("u2", "q-b", "scaling", "ada", 2, 2),
                attempt("u3", "q-a", "scaling", "ada", 3, 4),
                attempt("u4", "q-c", "caching", "ada", 0, 5)));

        assertThat(aggregates.user("ada"))
                .isEqualTo(new UserProgress(
                        "ada",
                        4,
                        List.of(
                                new UserProgress.SectionProgress("caching", 1, 0, 5, 0.0),
                                new UserProgress.SectionProgress("scaling", 3, 2, 2, 100.0))));
        assertThat(aggregates.user("nobody")).isEqualTo(new UserProgress("nobody", 0, List.of()));
    }

    @Test
    void theLeaderboardSumsEachUsersBestScorePerQuiz() {
        aggregates.apply(List.of(
                attempt("l1", "q-a", "ada", 1, 3, List.of()),
                attempt("l2", "q-a", "ada", 3, 3, List.of()),
                attempt("l3", "q-a", "ada", 2, 3, List.of()),
                attempt("l4", "q-b", "ada", 2, 2, List.of()),
                attempt("l5", "q-a", "bob", 3, 3, List.of()),
                attempt("l6", "q-a", "cy", 0, 3, List.of())));

        assertThat(aggregates.leaderboard(10).entries())
                .containsExactly(
                        new Leaderboard.Entry(1, "ada", 5, 4),
                        new Leaderboard.Entry(2, "bob", 3, 1),
                        new Leaderboard.Entry(3, "cy", 0, 1));
        assertThat(aggregates.leaderboard(1).entries()).hasSize(1);
    }

    @Test
    void idsWithSeparatorsOrBracesStayApart() {
        aggregates.apply(List.of(
                attempt("s1", "a", "u:x", 1, 1, results(true)),
                attempt("s2", "a:histogram", "u", 0, 1, results(false)),
                attempt("s3", "{a}", "u*", 1, 1, results(true))));

        assertThat(aggregates.quiz("a").attempts()).isEqualTo(1);
        assertThat(aggregates.quiz("a:histogram").attempts()).isEqualTo(1);
        assertThat(aggregates.quiz("{a}").attempts()).isEqualTo(1);
        assertThat(aggregates.user("u:x").attempts()).isEqualTo(1);
        assertThat(aggregates.user("u*").attempts()).isEqualTo(1);
    }

    @Test
    void whileARebuildRunsLiveAttemptsGoToBothGenerationsAndTheSwapMakesTheNewOneCurrent() {
        aggregates.apply(List.of(attempt("old", "quiz", "ada", 1, 1, List.of())));

        long generation = aggregates.claimRebuild(Duration.ofMinutes(1));
        assertThat(generation).isEqualTo(1);
        assertThat(aggregates.claimRebuild(Duration.ofMinutes(1))).isEqualTo(-1);
        assertThat(aggregates.building()).isEqualTo(generation);

        aggregates.apply(List.of(attempt("live", "quiz", "bob", 1, 1, List.of())));
        assertThat(aggregates.applyTo(generation, List.of(attempt("old", "quiz", "ada", 1, 1, List.of()))))
                .isEqualTo(1);
        assertThat(aggregates.applyTo(generation, List.of(attempt("live", "quiz", "bob", 1, 1, List.of()))))
                .isZero();
        assertThat(aggregates.quiz("quiz").attempts()).isEqualTo(2);

        assertThat(aggregates.heartbeat(generation, Duration.ofMinutes(1))).isTrue();
        assertThat(aggregates.swap(generation)).isZero();
        assertThat(aggregates.current()).isEqualTo(generation);
        assertThat(aggregates.building()).isNull();
        assertThat(aggregates.quiz("quiz").attempts()).isEqualTo(2);

        assertThat(aggregates.deleteGeneration(0)).isPositive();
        assertThat(redis.keys("analytics:g0:*")).isEmpty();
        assertThat(aggregates.quiz("quiz").attempts()).isEqualTo(2);
        assertThat(aggregates.claimRebuild(Duration.ofMinutes(1))).isEqualTo(2);
    }

    @Test
    void aRebuildWhoseClaimLapsedCannotSwap() {
        long generation = aggregates.claimRebuild(Duration.ofMillis(1));
        redis.delete("analytics:building");

        assertThat(aggregates.heartbeat(generation, Duration.ofMinutes(1))).isFalse();
        assertThat(aggregates.swap(generation)).isEqualTo(-1);
        assertThat(aggregates.current()).isZero();
    }

    @Test
    void theRebuildStatusIsSharedThroughRedis() {
        assertThat(aggregates.status()).isEqualTo(RebuildStatus.idle());
        RebuildStatus status = new RebuildStatus(
                RebuildStatus.DONE,
                4L,
                10,
                10,
                8,
                2,
                "search-service-2",
                Instant.parse("2026-11-25T12:00:00Z"),
                Instant.parse("2026-11-25T12:00:01Z"),
                null);

        aggregates.status(status);

        assertThat(aggregates.status()).isEqualTo(status);
    }

    private static List<AttemptSubmitted.Result> results(boolean... correct) {
        return IntStream.range(0, correct.length)
                .mapToObj(i -> new AttemptSubmitted.Result("q" + (i + 1), correct[i]))
                .toList();
    }

    private static AttemptSubmitted.Data attempt(
            String id, String quiz, String user, int score, int max, List<AttemptSubmitted.Result> results) {
        return new AttemptSubmitted.Data(id, quiz, "scaling", user, results, score, max);
    }

    private static AttemptSubmitted.Data attempt(
            String id, String quiz, String section, String user, int score, int max) {
        return new AttemptSubmitted.Data(id, quiz, section, user, List.of(), score, max);
    }
}
