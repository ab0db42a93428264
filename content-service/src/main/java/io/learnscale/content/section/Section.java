package io.learnscale.content.section;

import org.jspecify.annotations.Nullable;

/** A section of the notes with how many topics it has. */
record Section(String slug, String title, @Nullable String description, int position, long topicCount) {}
