package io.learnscale.content.topic;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A topic, whole: what {@code GET /api/topics/{slug}} answers and what {@code TopicUpserted} carries. The version
 * comes from one database sequence, so every change of a slug has a higher version than the one before, even
 * across a delete and a re-create.
 */
record Topic(
        String slug,
        String section,
        @Nullable String subsection,
        String title,
        String body,
        List<String> tags,
        int position,
        long version,
        Instant updatedAt) {

    /** The strong entity tag of this version. */
    String etag() {
        return EntityTags.of(version);
    }
}
