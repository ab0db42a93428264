package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every operation of /api/topics and /api/sections, and every status it answers, over real HTTP. */
@ContentServiceTest
class TopicApiTests {

    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    @LocalServerPort
    int port;

    private Api api() {
        return new Api(port);
    }

    /** Writes need an author's token (DESIGN: Public API); reads stay anonymous. */
    private Api author() {
        return Api.author(port);
    }

    @Test
    void createAnswers201WithLocationEtagAndTheTopic() {
        String slug = Api.uniqueSlug();
        ResponseEntity<String> created =
                author().post("/api/topics", Api.topicJson(slug, "python-in-practice", "Caching in practice"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/topics/" + slug);
        long version = JsonPath.<Number>read(created.getBody(), "$.version").longValue();
        assertThat(created.getHeaders().getETag()).isEqualTo("\"" + version + "\"");
        assertThat(JsonPath.<Integer>read(created.getBody(), "$.position")).isGreaterThan(5);
        assertThat(JsonPath.<List<String>>read(created.getBody(), "$.tags")).containsExactly("test-topic");

        ResponseEntity<String> fetched = api().get("/api/topics/" + slug);
        assertThat(fetched.getStatusCode().value()).isEqualTo(200);
        assertThat(JsonPath.<Map<String, Object>>read(fetched.getBody(), "$"))
                .containsOnlyKeys(
                        "slug", "section", "subsection", "title", "body", "tags", "position", "version", "updatedAt");
        assertThat(JsonPath.<String>read(fetched.getBody(), "$.body")).contains("# a comment, not a heading");
    }

    @Test
    void aDuplicateSlugIs409() {
        String slug = author().createTopic("First");
        ResponseEntity<String> again =
                author().post("/api/topics", Api.topicJson(slug, "python-in-practice", "Second"));

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(again.getBody(), "$.type")).isEqualTo("urn:learnscale:problem:topic-exists");
    }

    @Test
    void invalidFieldsAre400WithFieldErrors() {
        String tooLong = "x".repeat(201);
        ResponseEntity<String> response = author().post("/api/topics", """
                {"slug": "Not A Slug", "section": "python-in-practice", "title": "%s", "body": " "}""".formatted(tooLong));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field"))
                .containsExactlyInAnyOrder("slug", "title", "body");
    }

    @Test
    void aMissingSlugOnCreateIs400() {
        ResponseEntity<String> response = author().post("/api/topics", """
                {"section": "python-in-practice", "title": "No slug", "body": "text"}""");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field"))
                .containsExactly("slug");
    }

    @Test
    void anUnknownSectionIs400OnTheSectionField() {
        ResponseEntity<String> response =
                author().post("/api/topics", Api.topicJson(Api.uniqueSlug(), "no-such-section", "Lost"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field"))
                .containsExactly("section");
    }

    @Test
    void malformedJsonIs400() {
        ResponseEntity<String> response = author().post("/api/topics", "{\"slug\": ");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWrongContentTypeIs415() {
        ResponseEntity<String> response = author().http
                .post()
                .uri(author().url("/api/topics"))
                .contentType(MediaType.TEXT_PLAIN)
                .body("hello")
                .retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(415);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void getAnswersStrongEtagLastModifiedAndCacheControl() {
        ResponseEntity<String> response = api().get("/api/topics/hybrid-approach");

        long version = JsonPath.<Number>read(response.getBody(), "$.version").longValue();
        HttpHeaders headers = response.getHeaders();
        assertThat(headers.getETag()).isEqualTo("\"" + version + "\"");
        assertThat(headers.getLastModified()).isPositive();
        assertThat(headers.getCacheControl())
                .contains("max-age=30")
                .contains("stale-while-revalidate=60")
                .contains("public");
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutABody() {
        String etag = api().get("/api/topics/hybrid-approach").getHeaders().getETag();

        ResponseEntity<String> again = api().http
                .get()
                .uri(api().url("/api/topics/hybrid-approach"))
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .retrieve()
                .toEntity(String.class);

        assertThat(again.getStatusCode().value()).isEqualTo(304);
        assertThat(again.getBody()).isNull();
        assertThat(again.getHeaders().getETag()).isEqualTo(etag);
        assertThat(again.getHeaders().getCacheControl()).contains("max-age=30");
    }

    @Test
    void aStaleIfNoneMatchIs200() {
        ResponseEntity<String> response = api().http
                .get()
                .uri(api().url("/api/topics/hybrid-approach"))
                .header(HttpHeaders.IF_NONE_MATCH, "\"1\"")
                .retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void listsHaveAnEtagToo() {
        ResponseEntity<String> first = api().get("/api/topics?section=data-structures");
        assertThat(first.getHeaders().getCacheControl()).contains("max-age=10");

        ResponseEntity<String> second = api().http
                .get()
                .uri(api().url("/api/topics?section=data-structures"))
                .header(HttpHeaders.IF_NONE_MATCH, first.getHeaders().getETag())
                .retrieve()
                .toEntity(String.class);

        assertThat(second.getStatusCode().value()).isEqualTo(304);
    }

    @Test
    void putWithTheCurrentEtagReplacesTheTopic() {
        String slug = author().createTopic("Before");
        String etag = api().get("/api/topics/" + slug).getHeaders().getETag();

        ResponseEntity<String> replaced = put(slug, etag, """
                {"section": "apis", "title": "After", "body": "New body", "tags": ["rest"]}""");

        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        assertThat(replaced.getHeaders().getETag()).isNotEqualTo(etag);
        String now = api().get("/api/topics/" + slug).getBody();
        assertThat(JsonPath.<String>read(now, "$.title")).isEqualTo("After");
        assertThat(JsonPath.<String>read(now, "$.section")).isEqualTo("apis");
        assertThat(JsonPath.<List<String>>read(now, "$.tags")).containsExactly("rest");
    }

    @Test
    void putWithAStaleEtagIs412AndChangesNothing() {
        String slug = author().createTopic("Original");
        String stale = api().get("/api/topics/" + slug).getHeaders().getETag();
        assertThat(put(slug, stale, body("First author")).getStatusCode().value())
                .isEqualTo(200);

        ResponseEntity<String> second = put(slug, stale, body("Second author"));

        assertThat(second.getStatusCode().value()).isEqualTo(412);
        assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(second.getHeaders().getETag()).isNotEqualTo(stale);
        assertThat(JsonPath.<String>read(api().get("/api/topics/" + slug).getBody(), "$.title"))
                .isEqualTo("First author");
    }

    @Test
    void putWithoutIfMatchIs428() {
        String slug = author().createTopic("Guarded");

        ResponseEntity<String> response = put(slug, null, body("Unguarded"));

        assertThat(response.getStatusCode().value()).isEqualTo(428);
        assertThat(JsonPath.<String>read(response.getBody(), "$.type"))
                .isEqualTo("urn:learnscale:problem:precondition-required");
    }

    @Test
    void putWithIfMatchStarOverwrites() {
        String slug = author().createTopic("Anything");
        assertThat(put(slug, "*", body("Overwritten")).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void putCannotChangeTheSlug() {
        String slug = author().createTopic("Fixed slug");
        ResponseEntity<String> response = put(slug, "*", """
                {"slug": "another-slug", "section": "apis", "title": "t", "body": "b"}""");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field"))
                .containsExactly("slug");
    }

    @Test
    void putOnAMissingTopicIs404() {
        assertThat(put("no-such-topic", "*", body("x")).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void patchMergesTheGivenFieldsOnly() {
        String slug = author().createTopic("Patched");
        String etag = api().get("/api/topics/" + slug).getHeaders().getETag();

        ResponseEntity<String> patched = patch(slug, etag, """
                {"title": "Patched title", "subsection": "Notes", "tags": null}""");

        assertThat(patched.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> topic = JsonPath.read(patched.getBody(), "$");
        assertThat(topic)
                .containsEntry("title", "Patched title")
                .containsEntry("subsection", "Notes")
                .containsEntry("section", "python-in-practice")
                .containsEntry("tags", List.of());
        assertThat((String) topic.get("body")).startsWith("Some **Markdown**");
    }

    @Test
    void patchThatBreaksARuleIs400() {
        String slug = author().createTopic("Patch me");

        ResponseEntity<String> response = patch(slug, "*", """
                {"title": null, "position": 0}""");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$.errors[*].field"))
                .containsExactly("position", "title");
    }

    @Test
    void patchWithAStaleEtagIs412() {
        String slug = author().createTopic("Patch race");
        String stale = api().get("/api/topics/" + slug).getHeaders().getETag();
        assertThat(patch(slug, stale, "{\"title\": \"one\"}").getStatusCode().value())
                .isEqualTo(200);

        assertThat(patch(slug, stale, "{\"title\": \"two\"}").getStatusCode().value())
                .isEqualTo(412);
    }

    @Test
    void patchWithoutIfMatchIs428() {
        String slug = author().createTopic("Patch guard");
        assertThat(patch(slug, null, "{\"title\": \"x\"}").getStatusCode().value())
                .isEqualTo(428);
    }

    @Test
    void patchAsPlainJsonIs415WithAcceptPatch() {
        String slug = author().createTopic("Patch type");
        ResponseEntity<String> response = author().http
                .patch()
                .uri(author().url("/api/topics/" + slug))
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "*")
                .body("{\"title\": \"x\"}")
                .retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(415);
        assertThat(response.getHeaders().getFirst("Accept-Patch")).contains("application/merge-patch+json");
    }

    @Test
    void deleteIs204ThenTheTopicIsGone() {
        String slug = author().createTopic("Short-lived");

        ResponseEntity<Void> deleted = author().http
                .delete()
                .uri(author().url("/api/topics/" + slug))
                .retrieve()
                .toBodilessEntity();

        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(api().get("/api/topics/" + slug).getStatusCode().value()).isEqualTo(404);
        assertThat(delete(slug, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void deleteWithAStaleEtagIs412() {
        String slug = author().createTopic("Keep me");
        assertThat(delete(slug, "\"1\"").getStatusCode().value()).isEqualTo(412);
        assertThat(api().get("/api/topics/" + slug).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aCreatedSlugCanBeReusedAfterDelete() {
        String slug = author().createTopic("Reborn");
        assertThat(delete(slug, null).getStatusCode().value()).isEqualTo(204);
        assertThat(author().post("/api/topics", Api.topicJson(slug, "apis", "Again"))
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
    }

    @Test
    void listsArePagedWithMetadata() {
        String body = api().get("/api/topics?page=1&size=5").getBody();

        assertThat(JsonPath.<List<Object>>read(body, "$.content")).hasSize(5);
        assertThat(JsonPath.<Integer>read(body, "$.page.number")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(body, "$.page.size")).isEqualTo(5);
        assertThat(JsonPath.<Integer>read(body, "$.page.totalElements")).isGreaterThanOrEqualTo(54);
        assertThat(JsonPath.<List<Object>>read(body, "$.content[?(@.body)]")).isEmpty();
    }

    @Test
    void aBadFilterIs400() {
        assertThat(api().get("/api/topics?section=Not%20A%20Slug")
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(api().get("/api/topics?size=0").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void sectionsListTheirTopicCounts() {
        ResponseEntity<String> response = api().get("/api/sections");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getCacheControl()).contains("stale-while-revalidate");
        assertThat(JsonPath.<List<String>>read(response.getBody(), "$[*].slug"))
                .startsWith("python-overview", "object-oriented-programming", "data-structures", "scaling-techniques");
        assertThat(JsonPath.<List<Integer>>read(response.getBody(), "$[?(@.slug == 'scaling-techniques')].topicCount"))
                .containsExactly(3);
    }

    private ResponseEntity<String> put(String slug, String ifMatch, String json) {
        var request =
                author().http.put().uri(author().url("/api/topics/" + slug)).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(json).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> patch(String slug, String ifMatch, String json) {
        var request =
                author().http.patch().uri(author().url("/api/topics/" + slug)).contentType(MERGE_PATCH);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(json).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> delete(String slug, String ifMatch) {
        var request = author().http.delete().uri(author().url("/api/topics/" + slug));
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.retrieve().toEntity(String.class);
    }

    private static String body(String title) {
        return """
                {"section": "python-in-practice", "title": "%s", "body": "text"}""".formatted(title);
    }
}
