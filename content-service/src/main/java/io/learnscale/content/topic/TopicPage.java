package io.learnscale.content.topic;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of topics (without their bodies) and what a client needs to ask for the next one. */
record TopicPage(List<Summary> content, PageMetadata page) {

    /** A topic in a list: everything but the body. */
    record Summary(
            String slug,
            String section,
            @Nullable String subsection,
            String title,
            List<String> tags,
            int position,
            long version,
            Instant updatedAt) {}

    record PageMetadata(int number, int size, long totalElements, long totalPages) {

        static PageMetadata of(int number, int size, long totalElements) {
            return new PageMetadata(number, size, totalElements, (totalElements + size - 1) / size);
        }
    }
}
