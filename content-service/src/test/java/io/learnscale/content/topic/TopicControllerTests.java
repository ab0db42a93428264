package io.learnscale.content.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;

import io.learnscale.content.web.HttpCaching;
import io.learnscale.testsupport.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The topic endpoints' HTTP contract; reading and writing are mocked away. Writes carry an author's token, checked by
 * the same JWT filter chain and {@link TopicAccess} rules as in production.
 */
@WebMvcTest(TopicController.class)
@Import(TopicAccess.class)
class TopicControllerTests {

    private static final Topic SCALE_OUT = new Topic(
            "horizontal-scaling",
            "scaling-techniques",
            null,
            "Horizontal Scaling (Scale Out)",
            "**Definition**: Add more servers",
            List.of("scaling"),
            1,
            42,
            Instant.parse("2026-01-01T00:00:00Z"));

    /** Properties come from a scan the slice does not run. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HttpCaching.class)
    static class Properties {}

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TopicReader reader;

    @MockitoBean
    TopicWriter writer;

    @Test
    void listsTopicsWithPageMetadata() {
        given(reader.page("scaling-techniques", null, 0, 20))
                .willReturn(new TopicPage(
                        List.of(new TopicPage.Summary(
                                SCALE_OUT.slug(),
                                SCALE_OUT.section(),
                                null,
                                SCALE_OUT.title(),
                                SCALE_OUT.tags(),
                                1,
                                42,
                                SCALE_OUT.updatedAt())),
                        TopicPage.PageMetadata.of(0, 20, 1)));

        assertThat(mvc.get().uri("/api/topics?section=scaling-techniques"))
                .hasStatusOk()
                .hasHeader("Cache-Control", "max-age=10, public, stale-while-revalidate=30")
                .bodyJson()
                .hasPathSatisfying(
                        "$.content[0].slug", slug -> slug.assertThat().isEqualTo("horizontal-scaling"))
                .hasPathSatisfying(
                        "$.page.totalElements", total -> total.assertThat().isEqualTo(1))
                .hasPathSatisfying(
                        "$.page.totalPages", pages -> pages.assertThat().isEqualTo(1))
                .doesNotHavePath("$.content[0].body");
    }

    @Test
    void servedResponsesNameTheInstanceAndCarryARequestId() {
        given(reader.page(null, null, 0, 20)).willReturn(new TopicPage(List.of(), TopicPage.PageMetadata.of(0, 20, 0)));
        assertThat(mvc.get().uri("/api/topics").header("X-Request-Id", "req-42"))
                .hasStatusOk()
                .hasHeader("X-Request-Id", "req-42")
                .hasHeader("X-Served-By", "content-service-1");
    }

    @Test
    void aTopicCarriesItsVersionAsEtagAndItsLastModified() {
        given(reader.find("horizontal-scaling")).willReturn(Optional.of(SCALE_OUT));
        assertThat(mvc.get().uri("/api/topics/horizontal-scaling"))
                .hasStatusOk()
                .hasHeader("ETag", "\"42\"")
                .hasHeader("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")
                .hasHeader("Cache-Control", "max-age=30, public, stale-while-revalidate=60");
    }

    @Test
    void aMatchingIfNoneMatchIsNotModified() {
        given(reader.find("horizontal-scaling")).willReturn(Optional.of(SCALE_OUT));
        assertThat(mvc.get().uri("/api/topics/horizontal-scaling").header("If-None-Match", "\"42\""))
                .hasStatus(304)
                .hasHeader("ETag", "\"42\"");
    }

    @Test
    void anUnknownSlugIsA404Problem() {
        given(reader.find("nope")).willReturn(Optional.empty());
        assertThat(mvc.get().uri("/api/topics/nope"))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", type -> type.assertThat().isEqualTo("urn:learnscale:problem:topic-not-found"))
                .hasPathSatisfying("$.requestId", id -> id.assertThat().isNotNull());
    }

    @Test
    void aSlugThatCannotExistIsA404WithoutALookup() {
        assertThat(mvc.get().uri("/api/topics/NOT_a_slug")).hasStatus(404);
        verifyNoInteractions(reader);
    }

    @Test
    void aPageSizeOutOfRangeIsA400Problem() {
        assertThat(mvc.get().uri("/api/topics?size=1000"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPageThatIsNotANumberIsA400Problem() {
        assertThat(mvc.get().uri("/api/topics?page=first"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownPathIsA404Problem() {
        assertThat(mvc.get().uri("/api/nothing-here"))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aCreateWithInvalidFieldsIsA400ProblemListingThem() {
        assertThat(mvc.post()
                        .uri("/api/topics")
                        .header("Authorization", author())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slug\": \"-bad-\", \"section\": \"apis\", \"title\": \"\", \"body\": \"b\","
                                + " \"tags\": [\"Bad Tag\"]}"))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying(
                        "$.errors[*].field",
                        fields -> fields.assertThat()
                                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                                .containsExactlyInAnyOrder("slug", "title", "tags[0]"));
        verifyNoInteractions(writer);
    }

    @Test
    void aCreateAnswers201WithARelativeLocation() {
        given(writer.create(org.mockito.ArgumentMatchers.any())).willReturn(SCALE_OUT);
        assertThat(mvc.post()
                        .uri("/api/topics")
                        .header("Authorization", author())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slug\": \"horizontal-scaling\", \"section\": \"scaling-techniques\","
                                + " \"title\": \"t\", \"body\": \"b\"}"))
                .hasStatus(201)
                .hasHeader("Location", "/api/topics/horizontal-scaling")
                .hasHeader("ETag", "\"42\"");
    }

    @Test
    void noConnectionToBeginAWriteIsA503() {
        given(writer.create(org.mockito.ArgumentMatchers.any()))
                .willThrow(new org.springframework.transaction.CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction"));
        assertCreateIs503();
    }

    @Test
    void aRollbackOnABrokenConnectionIsA503() {
        // PostgreSQL went away mid-transaction: the rollback fails too and its exception replaces the first
        given(writer.create(org.mockito.ArgumentMatchers.any()))
                .willThrow(new org.springframework.transaction.TransactionSystemException("JDBC rollback failed"));
        assertCreateIs503();
    }

    private void assertCreateIs503() {
        assertThat(mvc.post()
                        .uri("/api/topics")
                        .header("Authorization", author())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slug\": \"horizontal-scaling\", \"section\": \"scaling-techniques\","
                                + " \"title\": \"t\", \"body\": \"b\"}"))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aStaleIfMatchIsA412ProblemWithTheCurrentEtag() {
        willThrow(new StaleTopicException("horizontal-scaling", "\"41\"", 42))
                .given(writer)
                .delete("horizontal-scaling", "\"41\"");
        assertThat(mvc.delete()
                        .uri("/api/topics/horizontal-scaling")
                        .header("Authorization", author())
                        .header("If-Match", "\"41\""))
                .hasStatus(412)
                .hasHeader("ETag", "\"42\"")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPatchThatIsNotAMergePatchIs415() {
        assertThat(mvc.patch()
                        .uri("/api/topics/horizontal-scaling")
                        .header("Authorization", author())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .hasStatus(415)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWriteWithoutATokenIsA401ProblemAndNeverReachesTheWriter() {
        assertThat(mvc.delete().uri("/api/topics/horizontal-scaling").header("If-Match", "*"))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers()
                .hasHeaderSatisfying(
                        "WWW-Authenticate",
                        values -> assertThat(values).singleElement().asString().startsWith("Bearer"));
        assertThat(mvc.post()
                        .uri("/api/topics")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slug\": \"horizontal-scaling\", \"section\": \"scaling-techniques\","
                                + " \"title\": \"t\", \"body\": \"b\"}"))
                .hasStatus(401);
        verifyNoInteractions(writer);
    }

    @Test
    void aUsersWriteIsA403ProblemAndNeverReachesTheWriter() {
        assertThat(mvc.patch()
                        .uri("/api/topics/horizontal-scaling")
                        .header("Authorization", "Bearer " + TestTokens.valid("ada", "user"))
                        .header("If-Match", "*")
                        .contentType(TopicController.MERGE_PATCH)
                        .content("{\"title\": \"x\"}"))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(writer);
    }

    private static String author() {
        return "Bearer " + TestTokens.valid("author-1", "author");
    }
}
