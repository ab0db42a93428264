package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Redis down or hanging never fails a read or a write: the data comes from PostgreSQL, and the cache is used again
 * by itself once Redis is back.
 */
@ContentServiceTest
class RedisOutageTests {

    @LocalServerPort
    int port;

    private Api api() {
        return new Api(port);
    }

    /** Writes need an author's token (DESIGN: Public API); reads stay anonymous. */
    private Api author() {
        return Api.author(port);
    }

    @AfterEach
    void restore() {
        Faults.restoreAll();
    }

    @Test
    void readsAndWritesSucceedWhileRedisIsDownAndTheCacheComesBack() {
        String slug = author().createTopic("Outage");
        api().get("/api/topics/" + slug); // cached

        Faults.redis().cut();

        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            ResponseEntity<String> read = api().get("/api/topics/" + slug);
            assertThat(read.getStatusCode().value()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(api().get("/api/topics?section=python-in-practice")
                            .getStatusCode()
                            .value())
                    .isEqualTo(200);
            assertThat(api().get("/api/sections").getStatusCode().value()).isEqualTo(200);
        }
        String etag = api().get("/api/topics/" + slug).getHeaders().getETag();
        ResponseEntity<String> write = author().http
                .patch()
                .uri(author().url("/api/topics/" + slug))
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .header(HttpHeaders.IF_MATCH, etag)
                .body("{\"title\": \"Written while Redis was down\"}")
                .retrieve()
                .toEntity(String.class);
        assertThat(write.getStatusCode().value()).isEqualTo(200);
        assertThat(author().post("/api/topics", Api.topicJson(Api.uniqueSlug(), "apis", "Created while down"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);

        Faults.redis().restore();

        // the breaker half-opens, Lettuce reconnects: a repeated read is served from Redis again, without a query
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    api().get("/api/topics/" + slug);
                    int mark = SqlLog.mark();
                    ResponseEntity<String> cached = api().get("/api/topics/" + slug);
                    assertThat(SqlLog.topicStatementsSince(mark)).isEmpty();
                    assertThat(JsonPath.<String>read(cached.getBody(), "$.title"))
                            .isEqualTo("Written while Redis was down");
                });
    }

    @Test
    void readsSucceedQuicklyWhileRedisHangs() {
        String slug = author().createTopic("Hang");
        api().get("/api/topics/" + slug);

        Faults.redis().stall();

        for (int i = 0; i < 8; i++) {
            long started = System.nanoTime();
            assertThat(api().get("/api/topics/" + slug).getStatusCode().value()).isEqualTo(200);
            // at most a command timeout (250 ms) per Redis call until the breaker opens, then none
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        }
    }
}
