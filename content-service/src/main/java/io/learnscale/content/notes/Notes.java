package io.learnscale.content.notes;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The notes as project data: sections in order, each with its topics in order. */
record Notes(List<Section> sections) {

    /** A section: a chapter of the notes (or a few short chapters gathered under one title). */
    record Section(String slug, String title, @Nullable String description, int position, List<Topic> topics) {}

    /**
     * A topic: one unit of reading, a heading's text or one "Q:" question with its answer. {@code subsection} names
     * the heading a question sits under.
     */
    record Topic(
            String slug, String title, @Nullable String subsection, String body, List<String> tags, int position) {}

    int topicCount() {
        return sections.stream().mapToInt(section -> section.topics().size()).sum();
    }
}
