package io.learnscale.content.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(TopicController.class)
class TopicControllerTests {

    private static final Topic SCALE_OUT = new Topic(
            "horizontal-scaling",
            "scaling-techniques",
            "Horizontal Scaling (Scale Out)",
            "**Definition**: Add more servers",
            List.of("scaling"),
            1,
            0,
            Instant.parse("2026-01-01T00:00:00Z"));

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Topics topics;

    @Test
    void listsTopicsWithPageMetadata() {
        given(topics.find("scaling-techniques", null, 0, 20)).willReturn(List.of(SCALE_OUT));
        given(topics.count("scaling-techniques", null)).willReturn(1L);

        assertThat(mvc.get().uri("/api/topics?section=scaling-techniques"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying(
                        "$.content[0].slug", slug -> slug.assertThat().isEqualTo("horizontal-scaling"))
                .hasPathSatisfying(
                        "$.page.totalElements", total -> total.assertThat().isEqualTo(1))
                .doesNotHavePath("$.content[0].body");
    }

    @Test
    void servedResponsesNameTheInstanceAndCarryARequestId() {
        given(topics.find(null, null, 0, 20)).willReturn(List.of());
        assertThat(mvc.get().uri("/api/topics").header("X-Request-Id", "req-42"))
                .hasStatusOk()
                .hasHeader("X-Request-Id", "req-42")
                .hasHeader("X-Served-By", "content-service-1");
    }

    @Test
    void anUnknownSlugIsA404Problem() {
        given(topics.findBySlug("nope")).willReturn(Optional.empty());
        assertThat(mvc.get().uri("/api/topics/nope"))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", type -> type.assertThat().isEqualTo("urn:learnscale:problem:topic-not-found"))
                .hasPathSatisfying("$.requestId", id -> id.assertThat().isNotNull());
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
}
