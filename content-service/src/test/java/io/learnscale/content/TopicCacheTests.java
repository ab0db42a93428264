package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The Redis cache-aside: hits cost no query, writes evict after commit, concurrent misses read once. */
@ContentServiceTest
class TopicCacheTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    private Api api() {
        return new Api(port);
    }

    /** Writes need an author's token (DESIGN: Public API); reads stay anonymous. */
    private Api author() {
        return Api.author(port);
    }

    @BeforeEach
    void cacheIsInUse() {
        Faults.restoreAll();
        // after an outage test the breaker may still be open for a moment: wait until a hit costs no query
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            api().get("/api/topics/oop-class");
            int mark = SqlLog.mark();
            api().get("/api/topics/oop-class");
            assertThat(SqlLog.topicStatementsSince(mark)).isEmpty();
        });
    }

    @Test
    void aSecondGetDoesNotTouchTheDatabase() {
        String slug = author().createTopic("Cached once");
        int first = SqlLog.mark();
        assertThat(api().get("/api/topics/" + slug).getStatusCode().value()).isEqualTo(200);
        assertThat(SqlLog.topicStatementsSince(first)).hasSize(1);

        int second = SqlLog.mark();
        assertThat(api().get("/api/topics/" + slug).getStatusCode().value()).isEqualTo(200);

        assertThat(SqlLog.topicStatementsSince(second)).isEmpty();
        assertThat(redis.hasKey("content:v1:topic:" + slug)).isTrue();
        assertThat(redis.getExpire("content:v1:topic:" + slug)).isBetween(1L, 120L);
    }

    @Test
    void aSecondListPageDoesNotTouchTheDatabase() {
        api().get("/api/topics?section=apis&size=3");
        api().get("/api/sections");
        int mark = SqlLog.mark();

        api().get("/api/topics?section=apis&size=3");
        api().get("/api/sections");

        assertThat(SqlLog.since(mark, sql -> sql.contains("topic"))).isEmpty();
    }

    @Test
    void aWriteEvictsTheTopicAndEveryListing() {
        String slug = author().createTopic("Evict me");
        String etag = api().get("/api/topics/" + slug).getHeaders().getETag();
        api().get("/api/topics?section=python-in-practice&size=100");
        api().get("/api/sections");

        var put = author().http
                .put()
                .uri(author().url("/api/topics/" + slug))
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, etag)
                .body("{\"section\": \"apis\", \"title\": \"Moved\", \"body\": \"b\"}")
                .retrieve()
                .toEntity(String.class);
        assertThat(put.getStatusCode().value()).isEqualTo(200);

        assertThat(JsonPath.<String>read(api().get("/api/topics/" + slug).getBody(), "$.title"))
                .isEqualTo("Moved");
        assertThat(JsonPath.<List<String>>read(
                        api().get("/api/topics?section=python-in-practice&size=100")
                                .getBody(),
                        "$.content[*].slug"))
                .doesNotContain(slug);
        assertThat(JsonPath.<List<String>>read(
                        api().get("/api/topics?section=apis&size=100").getBody(), "$.content[*].slug"))
                .contains(slug);
    }

    @Test
    void concurrentMissesOnOneKeyReadTheDatabaseOnce() throws Exception {
        String slug = author().createTopic("Stampede");
        redis.delete("content:v1:topic:" + slug);
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        int mark = SqlLog.mark();
        double loadsBefore = loads();

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api().get("/api/topics/" + slug).getStatusCode().value();
                }));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }

        assertThat(SqlLog.topicStatementsSince(mark)).hasSize(1);
        assertThat(loads() - loadsBefore).isEqualTo(1);
    }

    @Test
    void hitsAndMissesAreCounted() {
        String slug = author().createTopic("Counted");
        double hits = gets("hit");
        double misses = gets("miss");

        api().get("/api/topics/" + slug);
        api().get("/api/topics/" + slug);
        api().get("/api/topics/" + slug);

        assertThat(gets("miss") - misses).isEqualTo(1);
        assertThat(gets("hit") - hits).isEqualTo(2);
    }

    private double gets(String result) {
        var counter = meters.find("cache.gets")
                .tag("cache", "topic")
                .tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double loads() {
        var counter = meters.find("cache.loads").tag("cache", "topic").counter();
        return counter == null ? 0 : counter.count();
    }
}
