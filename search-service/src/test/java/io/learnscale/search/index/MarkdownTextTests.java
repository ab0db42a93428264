package io.learnscale.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTests {

    @Test
    void keepsTheWordsAndDropsTheMarkup() {
        String markdown = """
                ## Caching layers ##

                A **cache** keeps _hot_ data close; see [the notes](https://example.org/notes) and
                ![a diagram](cache.png).

                > Quoted `read_through` text.

                - one
                * two
                1. three

                | layer | where |
                |-------|-------|
                | CDN   | edge  |

                ```java
                cache.get(key);
                ```
                <b>bold</b> snake_case stays.
                """;

        String plain = MarkdownText.plain(markdown);

        assertThat(plain)
                .startsWith("Caching layers\n")
                .contains("A cache keeps hot data close; see the notes and\na diagram.")
                .contains("Quoted read_through text.")
                .contains("one\ntwo\nthree")
                .contains("layer where")
                .contains("CDN edge")
                .contains("cache.get(key);")
                .contains("bold snake_case stays.")
                .doesNotContain("**", "##", "](", "```", "|", "<b>", "> ", "- one");
    }
}
