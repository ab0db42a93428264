package io.learnscale.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** Reads what content-service writes to content.topics (samples in src/test/resources/events). */
class TopicChangesTests {

    private final TopicChanges changes = new TopicChanges(JsonMapper.builder().build());

    @Test
    void readsTheTopicUpsertedContentServiceWrites() throws IOException {
        TopicChange change = changes.read("load-balancing", sample("topic-upserted-v1.json"));

        assertThat(change).isInstanceOfSatisfying(TopicChange.Upsert.class, upsert -> {
            assertThat(upsert.slug()).isEqualTo("load-balancing");
            assertThat(upsert.section()).isEqualTo("scaling-techniques");
            assertThat(upsert.title()).isEqualTo("Load balancing");
            assertThat(upsert.body()).contains("A **load balancer** spreads requests");
            assertThat(upsert.tags()).containsExactly("load-balancing", "availability");
            assertThat(upsert.version()).isEqualTo(42L);
        });
    }

    @Test
    void readsTheTopicDeletedContentServiceWrites() throws IOException {
        TopicChange change = changes.read("load-balancing", sample("topic-deleted-v1.json"));

        assertThat(change).isEqualTo(new TopicChange.Delete("load-balancing", 57L));
    }

    @Test
    void aTombstoneDeletesItsKey() {
        assertThat(changes.read("caching", null)).isEqualTo(new TopicChange.Delete("caching", null));
    }

    @Test
    void anEventTypeItDoesNotKnowIsIgnored() {
        assertThat(changes.read("caching", """
                        {"id": "1", "type": "TopicRenamed", "version": 1, "data": {"slug": "caching"}}""")).isEqualTo(new TopicChange.Ignore("TopicRenamed"));
    }

    @Test
    void aTopicWithoutBodyOrTagsIsStillIndexed() {
        TopicChange change = changes.read("caching", """
                {"type": "TopicUpserted", "data": {"slug": "caching", "section": "s", "title": "Caching"}}""");

        assertThat(change).isEqualTo(new TopicChange.Upsert("caching", "s", "Caching", "", List.of(), null));
    }

    @Test
    void aDeletionWithoutSlugInItsDataUsesTheKey() {
        assertThat(changes.read("caching", """
                        {"type": "TopicDeleted", "data": {}}""")).isEqualTo(new TopicChange.Delete("caching", null));
    }

    @Test
    void recordsThatBreakTheContractAreRejected() {
        List<String> broken = List.of(
                "not json",
                "[]",
                "{}",
                "{\"type\": \"TopicUpserted\"}",
                "{\"type\": \"TopicUpserted\", \"data\": \"caching\"}",
                "{\"type\": \"TopicUpserted\", \"data\": {\"section\": \"s\", \"title\": \"t\"}}",
                "{\"type\": \"TopicUpserted\", \"data\": {\"slug\": \"a\", \"title\": \"t\"}}",
                "{\"type\": \"TopicUpserted\", \"data\": {\"slug\": \"a\", \"section\": \"s\", \"title\": \" \"}}",
                "{\"type\": \"TopicUpserted\", \"data\": {\"slug\": \"a\", \"section\": \"s\", \"title\": \"t\","
                        + " \"tags\": {\"not\": \"a list\"}}}");
        for (String value : broken) {
            assertThatThrownBy(() -> changes.read("a", value)).as(value).isInstanceOf(InvalidTopicEventException.class);
        }
        assertThatThrownBy(() -> changes.read(null, null)).isInstanceOf(InvalidTopicEventException.class);
    }

    private static String sample(String name) throws IOException {
        return new ClassPathResource("events/" + name).getContentAsString(StandardCharsets.UTF_8);
    }
}
