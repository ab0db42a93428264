package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.launcher.Stack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The services agree on the notes: quizzes point at real topics, and the search index holds every topic. */
@Order(15)
class ContentConsistencyTests {

    private final Stack stack = SystemStack.get();

    @Test
    void everyQuizSectionAndQuestionTopicExistsInContentService() {
        Set<String> sections = new HashSet<>(JsonPath.<List<String>>read(
                Http.get(stack.gatewayUrl() + "/api/sections").body(), "$[*].slug"));
        Set<String> topics = new HashSet<>(allTopicSlugs());
        List<String> quizIds =
                JsonPath.read(Http.get(stack.gatewayUrl() + "/api/quizzes").body(), "$[*].id");
        assertThat(quizIds).hasSizeGreaterThanOrEqualTo(sections.size());
        for (String quizId : quizIds) {
            String quiz =
                    Http.get(stack.gatewayUrl() + "/api/quizzes/" + quizId).body();
            assertThat(sections).as("section of quiz " + quizId).contains(JsonPath.<String>read(quiz, "$.section"));
            assertThat(topics)
                    .as("topics of quiz " + quizId)
                    .containsAll(JsonPath.<List<String>>read(quiz, "$.questions[*].topicSlug"));
        }
    }

    @Test
    void theSearchIndexHoldsEveryTopic() {
        List<String> topics = allTopicSlugs();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String hits = Http.get(stack.gatewayUrl() + "/api/search?q=python+OR+scaling+OR+api+OR+the&limit=100")
                    .body();
            assertThat(JsonPath.<Integer>read(hits, "$.total")).isGreaterThan(0);
        });
        for (String slug : List.of("horizontal-scaling", "explain-the-gil-and-its-implications")) {
            assertThat(topics).contains(slug);
        }
        String gil = Http.get(stack.gatewayUrl() + "/api/search?q=GIL").body();
        assertThat(JsonPath.<List<String>>read(gil, "$.hits[*].slug")).contains("explain-the-gil-and-its-implications");
    }

    private List<String> allTopicSlugs() {
        String page = Http.get(stack.gatewayUrl() + "/api/topics?size=100").body();
        List<String> slugs = JsonPath.read(page, "$.content[*].slug");
        assertThat(JsonPath.<Integer>read(page, "$.page.totalElements")).isEqualTo(slugs.size());
        return slugs;
    }
}
