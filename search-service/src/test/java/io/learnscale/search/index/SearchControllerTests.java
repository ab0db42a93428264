package io.learnscale.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(SearchController.class)
class SearchControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TopicIndex index;

    @MockitoBean
    TopicsReplica replica;

    @Test
    void servesRankedHitsWithSnippetsAndSectionCounts() {
        given(replica.caughtUp()).willReturn(true);
        given(index.search("caching", "scaling", 5))
                .willReturn(new SearchResults(
                        "caching",
                        "scaling",
                        1,
                        List.of(new SearchResults.Hit(
                                "caching-layers",
                                "Caching layers",
                                "scaling",
                                List.of("cache"),
                                2.5f,
                                "<mark>Caching</mark> layers",
                                "A <mark>cache</mark> keeps hot data close.")),
                        List.of(new SearchResults.SectionCount("scaling", 1))));

        assertThat(mvc.get().uri("/api/search?q=caching&section=scaling&limit=5"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.hits[0].slug", s -> s.assertThat().isEqualTo("caching-layers"))
                .hasPathSatisfying(
                        "$.hits[0].snippet", s -> s.assertThat().asString().contains("<mark>cache</mark>"))
                .hasPathSatisfying("$.sections[0].count", c -> c.assertThat().isEqualTo(1));
    }

    @Test
    void anInvalidQueryIsA400Problem() {
        given(replica.caughtUp()).willReturn(true);
        given(index.search(any(), any(), anyInt())).willThrow(new InvalidQueryException("no words"));

        assertThat(mvc.get().uri("/api/search?q=%22"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:invalid-query"))
                .hasPathSatisfying("$.detail", d -> d.assertThat().isEqualTo("no words"));
    }

    @Test
    void aLimitOutOfRangeIsA400Problem() {
        given(replica.caughtUp()).willReturn(true);

        for (String limit : List.of("0", "51", "-3", "many", "1e3")) {
            assertThat(mvc.get().uri("/api/search?q=caching&limit=" + limit))
                    .hasStatus(400)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        verifyNoInteractions(index);
    }

    @Test
    void anIndexStillCatchingUpAnswers503WithRetryAfter() {
        given(replica.caughtUp()).willReturn(false);

        assertThat(mvc.get().uri("/api/search?q=caching"))
                .hasStatus(503)
                .hasHeader("Retry-After", "2")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying(
                        "$.type", t -> t.assertThat().isEqualTo("urn:learnscale:problem:search-index-not-ready"));
        verifyNoInteractions(index);
    }
}
