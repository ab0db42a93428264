package io.learnscale.search.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of content-service's events on {@code content.topics} that the index reads (DESIGN: Events). The
 * envelope's other fields, and any field added later, are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TopicEvent(
        @Nullable String id,
        @Nullable String type,
        @Nullable JsonNode data) {

    static final String UPSERTED = "TopicUpserted";
    static final String DELETED = "TopicDeleted";

    /** {@code TopicUpserted} carries the whole topic; {@code TopicDeleted} at least its slug. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Topic(
            @Nullable String slug,
            @Nullable String section,
            @Nullable String title,
            @Nullable String body,
            @Nullable List<String> tags,
            @Nullable Long version) {}
}
