package io.learnscale.content.topic;

import java.time.Instant;
import java.util.List;

/** A topic of the notes: a Markdown body under a section, with tags and its place in the section. */
record Topic(
        String slug,
        String section,
        String title,
        String body,
        List<String> tags,
        int position,
        long version,
        Instant updatedAt) {}
