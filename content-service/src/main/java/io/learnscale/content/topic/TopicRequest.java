package io.learnscale.content.topic;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A topic as an author writes it. {@code slug} is required to create and otherwise optional (it cannot change);
 * {@code position} defaults to the end of the section; {@code tags} to none.
 */
record TopicRequest(
        @NotBlank(groups = Creating.class) @Size(max = 120) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Nullable
        String slug,

        @NotBlank @Size(max = 80) String section,
        @Size(max = 200) @Nullable String subsection,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 50_000) String body,

        @Size(max = 20) @Nullable
        List<@NotNull @Size(max = 40) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String> tags,

        @Min(1) @Max(100_000) @Nullable Integer position) {

    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    static final String SLUG_MESSAGE = "must be lower-case letters and digits in words joined by '-'";

    /** The validation group of a create, where the slug is required. */
    interface Creating {}

    List<String> tagsOrNone() {
        return tags == null ? List.of() : List.copyOf(tags);
    }

    /** The writable fields of a topic, as a merge patch applies to them. */
    static TopicRequest of(Topic topic) {
        return new TopicRequest(
                topic.slug(),
                topic.section(),
                topic.subsection(),
                topic.title(),
                topic.body(),
                topic.tags(),
                topic.position());
    }
}
