package io.learnscale.search.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one record of {@code content.topics} does to the index. */
sealed interface TopicChange {

    /**
     * content-service's version of the topic: one database sequence, so every change of a slug, a deletion
     * included, has a higher version than the one before (null for a tombstone, or a producer that sends none).
     */
    @Nullable
    Long version();

    /** A topic to add or replace, whole; the body is Markdown. */
    record Upsert(
            String slug,
            String section,
            String title,
            String body,
            List<String> tags,
            @Nullable Long version) implements TopicChange {}

    record Delete(String slug, @Nullable Long version) implements TopicChange {}

    /** An event type this reader does not know: a newer producer may send it, so it is skipped quietly. */
    record Ignore(String type) implements TopicChange {

        @Override
        public @Nullable Long version() {
            return null;
        }
    }
}
