package io.learnscale.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.search.SearchServiceApplication;
import io.learnscale.search.TestEvents;
import io.learnscale.search.TestHttp;
import io.learnscale.search.TestKafka;
import io.learnscale.testsupport.EmbeddedServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new instance starts while its topic already holds topics: it is not ready, and does not answer searches, until
 * its index caught up. The index holds its first write until the test has looked, so "before" is certain.
 */
@SpringBootTest(
        classes = {SearchServiceApplication.class, IndexReadinessTests.HeldIndex.class},
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.search.topic=" + IndexReadinessTests.TOPIC,
            // this instance is about the index: it takes no part in group analytics
            "spring.kafka.listener.auto-startup=false"
        })
class IndexReadinessTests {

    static final String TOPIC = "content.topics.readiness-test";
    private static final int TOPICS = 40;
    private static final String WORD = TestEvents.uniqueWord();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** content-service published these before this instance started. */
    @BeforeAll
    static void publishTopics() {
        String bootstrapServers = EmbeddedServers.kafka().bootstrapServers();
        TestKafka.createTopic(bootstrapServers, TOPIC, 6, true);
        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < TOPICS; i++) {
            String slug = WORD + "-" + i;
            records.put(slug, TestEvents.topicUpserted(slug, "scaling", "Topic " + i, "About " + WORD, List.of(), 1));
        }
        TestKafka.send(bootstrapServers, TOPIC, records);
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", () -> EmbeddedServers.kafka().bootstrapServers());
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> EmbeddedServers.redis().port());
    }

    @AfterAll
    static void release() {
        RELEASE.countDown();
    }

    @Test
    void aNewInstanceIsNotReadyBeforeItsIndexCaughtUp() {
        TestHttp management = new TestHttp(managementPort);
        TestHttp http = new TestHttp(port);

        ResponseEntity<String> notReady = management.get("/actuator/health/readiness");
        assertThat(notReady.getStatusCode().value()).isEqualTo(503);
        assertThat(JsonPath.<String>read(notReady.getBody(), "$.components.searchIndex.status"))
                .isEqualTo("DOWN");
        assertThat(management.get("/actuator/health/liveness").getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<String> search = http.get("/api/search", "q", WORD);
        assertThat(search.getStatusCode().value()).isEqualTo(503);
        assertThat(search.getHeaders().getFirst("Retry-After")).isEqualTo("2");

        RELEASE.countDown();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(management
                                .get("/actuator/health/readiness")
                                .getStatusCode()
                                .value())
                        .isEqualTo(200));
        ResponseEntity<String> ready = http.get("/api/search", "q", WORD, "limit", "50");
        assertThat(ready.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(ready.getBody(), "$.total")).isEqualTo(TOPICS);
    }

    /** The index, holding its first write until the test releases it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HeldIndex {

        @Bean
        @Primary
        TopicIndex heldTopicIndex() {
            return new TopicIndex() {
                @Override
                void upsert(TopicChange.Upsert topic) {
                    try {
                        RELEASE.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.upsert(topic);
                }
            };
        }
    }
}
