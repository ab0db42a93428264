package io.learnscale.search.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a search: the best hits first, and how many hits each section has for the same words (whatever
 * the section filter), so a client can offer to narrow or widen.
 *
 * @param total how many topics match, in the section asked for if any
 */
record SearchResults(String query, @Nullable String section, long total, List<Hit> hits, List<SectionCount> sections) {

    /**
     * One topic that matches. {@code highlightedTitle} and {@code snippet} are HTML: the text is escaped and the
     * matched words are wrapped in {@code <mark>}.
     */
    record Hit(
            String slug,
            String title,
            String section,
            List<String> tags,
            float score,
            String highlightedTitle,
            String snippet) {}

    record SectionCount(String section, long count) {}
}
