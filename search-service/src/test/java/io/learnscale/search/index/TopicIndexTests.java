package io.learnscale.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ranking, query syntax, facets and snippets, on the index alone. */
class TopicIndexTests {

    private final TopicIndex index = new TopicIndex();

    @AfterEach
    void close() throws Exception {
        index.destroy();
    }

    @Test
    void aTitleMatchRanksAboveTagAndBodyMatches() {
        add("in-body", "scaling", "Message queues", "Queues decouple producers; a sharding key spreads them.", "kafka");
        add("in-title", "scaling", "Sharding", "Split the data over several databases.", "databases");
        add("in-tags", "scaling", "Partitions", "Kafka splits a topic into partitions.", "sharding");

        assertThat(slugs(index.search("sharding", null, 10))).containsExactly("in-title", "in-tags", "in-body");
    }

    @Test
    void everyWordMustMatchSomewhere() {
        add("both", "scaling", "Connection pooling", "Reuse database connections.", "postgres");
        add("one", "scaling", "Connection limits", "How many clients a server takes.", "postgres");

        assertThat(slugs(index.search("connection pooling", null, 10))).containsExactly("both");
    }

    @Test
    void aPhraseMatchesTheWordsNextToEachOther() {
        add("adjacent", "scaling", "Caches", "A read through cache fills itself on a miss.", "cache");
        add("apart", "scaling", "Reading", "Read the cache documentation through and through.", "cache");

        assertThat(slugs(index.search("\"read through cache\"", null, 10))).containsExactly("adjacent");
        assertThat(slugs(index.search("read through cache", null, 10))).containsExactlyInAnyOrder("adjacent", "apart");
    }

    @Test
    void aPrefixMatchesEveryWordItStarts() {
        add("balancer", "scaling", "Load balancers", "Spread requests.", "network");
        add("balancing", "scaling", "Balancing partitions", "Rebalance consumers.", "kafka");
        add("other", "scaling", "Caching", "Keep hot data close.", "cache");

        assertThat(slugs(index.search("balanc*", null, 10))).containsExactlyInAnyOrder("balancer", "balancing");
        assertThat(slugs(index.search("balancing*", null, 10))).containsExactlyInAnyOrder("balancer", "balancing");
        assertThat(slugs(index.search("cach*", null, 10))).containsExactly("other");
        assertThat(slugs(index.search("caching*", null, 10))).containsExactly("other");
        assertThat(index.search("rebal*", null, 10).hits().getFirst().snippet())
                .isEqualTo("<mark>Rebalance</mark> consumers.");
    }

    @Test
    void aPrefixMatchInTheTitleRanksAboveOneInTheBody() {
        add("body", "scaling", "Queues", "Replicas and replication.", "kafka");
        add("title", "scaling", "Replication", "Copies of the data.", "databases");

        assertThat(slugs(index.search("replic*", null, 10))).containsExactly("title", "body");
    }

    @Test
    void aFuzzyTermForgivesATypo() {
        add("pooling", "scaling", "Connection pooling", "Reuse connections.", "postgres");

        assertThat(slugs(index.search("poolng~", null, 10))).containsExactly("pooling");
    }

    @Test
    void stemmingFindsOtherFormsOfAWord() {
        add("scaling", "scaling", "Scaling out", "Add instances behind a balancer.", "horizontal");

        assertThat(slugs(index.search("scales", null, 10))).containsExactly("scaling");
    }

    @Test
    void aSectionFilterNarrowsTheHitsButTheFacetsCountEverySection() {
        add("a1", "architecture", "Queues one", "queues", "x");
        add("a2", "architecture", "Queues two", "queues", "x");
        add("s1", "scaling", "Queues three", "queues", "x");
        add("s2", "scaling", "Caching", "no match here", "x");

        SearchResults all = index.search("queues", null, 10);
        SearchResults scaling = index.search("queues", "scaling", 10);

        assertThat(all.total()).isEqualTo(3);
        assertThat(all.sections())
                .containsExactly(
                        new SearchResults.SectionCount("architecture", 2),
                        new SearchResults.SectionCount("scaling", 1));
        assertThat(slugs(scaling)).containsExactly("s1");
        assertThat(scaling.total()).isEqualTo(1);
        assertThat(scaling.sections()).isEqualTo(all.sections());
    }

    @Test
    void theLimitCapsTheHitsNotTheTotal() {
        for (int i = 0; i < 5; i++) {
            add("t" + i, "scaling", "Topic " + i, "replication everywhere", "x");
        }

        SearchResults results = index.search("replication", null, 2);

        assertThat(results.hits()).hasSize(2);
        assertThat(results.total()).isEqualTo(5);
    }

    @Test
    void snippetsMarkTheMatchedWordsAndEscapeHtml() {
        add(
                "xss",
                "scaling",
                "Caching <script>alert(1)</script>",
                "The first sentence says nothing. A **cache** in front of the database <img src=x onerror=alert(1)>"
                        + " keeps hot rows in memory.",
                "cache");

        SearchResults.Hit hit = index.search("cache", null, 10).hits().getFirst();

        assertThat(hit.snippet()).contains("A <mark>cache</mark> in front of the database");
        assertThat(hit.snippet()).doesNotContain("<img", "<script", "**");
        assertThat(hit.highlightedTitle()).isEqualTo("<mark>Caching</mark> &lt;script&gt;alert(1)&lt;&#x2F;script&gt;");
        assertThat(hit.title()).isEqualTo("Caching <script>alert(1)</script>");
        assertThat(hit.section()).isEqualTo("scaling");
        assertThat(hit.tags()).containsExactly("cache");
        assertThat(hit.score()).isPositive();
    }

    @Test
    void aTopicWithoutMatchInItsBodyStillHasASnippet() {
        add("title-only", "scaling", "Autoscaling", "Instances come and go with the load.", "hpa");

        assertThat(index.search("autoscaling", null, 10).hits().getFirst().snippet())
                .isEqualTo("Instances come and go with the load.");
    }

    @Test
    void anUpsertReplacesTheTopicAndADeleteRemovesIt() {
        add("caching", "scaling", "Caching", "Old words: memcached.", "cache");
        add("caching", "scaling", "Caching layers", "New words: redis.", "cache");

        assertThat(slugs(index.search("memcached", null, 10))).isEmpty();
        assertThat(slugs(index.search("redis", null, 10))).containsExactly("caching");
        assertThat(index.documents()).isEqualTo(1);

        index.delete("caching");
        index.refresh();

        assertThat(slugs(index.search("redis", null, 10))).isEmpty();
        assertThat(index.documents()).isZero();
        assertThat(index.search("redis", null, 10).sections()).isEmpty();
    }

    @Test
    void anEmptyIndexAnswersNoHits() {
        SearchResults results = index.search("anything", null, 10);

        assertThat(results.hits()).isEmpty();
        assertThat(results.total()).isZero();
    }

    @Test
    void strayQuotesAndOperatorsSearchForTheWords() {
        add("pooling", "scaling", "Connection pooling", "Reuse connections.", "postgres");

        for (String query : List.of(
                "\"connection pooling",
                "connection pooling\"",
                "connection AND",
                "OR pooling",
                "(pooling",
                "pooling)",
                "pooling [",
                "pooling {",
                "title:pooling",
                "pooling^",
                "*pooling",
                "?pooling",
                "pooling !",
                "pooling &&",
                "pooling \\",
                "connection/pooling",
                "pooling:")) {
            assertThat(slugs(index.search(query, null, 10))).as(query).containsExactly("pooling");
        }
    }

    @Test
    void hostileQueriesGiveResultsOrAnInvalidQueryNeverAnotherError() {
        add("pooling", "scaling", "Connection pooling", "Reuse connections.", "postgres");
        List<String> hostile = List.of(
                "",
                " ",
                "\"",
                "\"\"",
                "*",
                "?",
                "*:*",
                ":",
                "\\",
                "AND",
                "OR OR OR",
                "NOT",
                "(",
                ")",
                "[",
                "[a TO",
                "{a TO z]",
                "~",
                "^",
                "!",
                "+",
                "-",
                "&&",
                "||",
                "/",
                "/[a-z",
                "/(.*a){30}/",
                "/.*/",
                "a".repeat(300),
                "the",
                "the and of",
                "((((((((((((((((((((pooling))))))))))))))))))))",
                "p*o*o*l*i*n*g*",
                "po?ling",
                "pooling~2",
                "\u0000",
                "\uD83D\uDE00",
                "<script>alert(1)</script>",
                "'; DROP TABLE topics; --",
                "%",
                "pooling" + " OR pooling".repeat(30),
                "title:pooling^1000000000000000000000000",
                "pooling^-1",
                "pooling~3",
                "slug:pooling",
                "$facets:x",
                "body:[* TO *]",
                "\"connection pooling\"~1000000000");
        for (String query : hostile) {
            Throwable thrown = catchThrowable(() -> index.search(query, null, 10));
            assertThat(thrown)
                    .as(query)
                    .satisfiesAnyOf(
                            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(InvalidQueryException.class));
        }
    }

    @Test
    void onlyPunctuationOrCommonWordsIsAnInvalidQuery() {
        assertThatThrownBy(() -> index.search("\"", null, 10)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> index.search("the", null, 10)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> index.search(null, null, 10)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> index.search("x".repeat(UserQueries.MAX_LENGTH + 1), null, 10))
                .isInstanceOf(InvalidQueryException.class);
    }

    private void add(String slug, String section, String title, String body, String tag) {
        index.upsert(new TopicChange.Upsert(slug, section, title, body, List.of(tag), null));
        index.refresh();
    }

    private static List<String> slugs(SearchResults results) {
        return results.hits().stream().map(SearchResults.Hit::slug).toList();
    }
}
