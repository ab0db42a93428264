package io.learnscale.quiz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * content-service's sections and their topics, from the copy in test resources ({@code content-topics.txt}: one
 * {@code section topic-slug} pair a line, {@code #} comments). content-service owns sections and topics; the seeded
 * quizzes must name them. A system test checks the copy against the running content-service.
 */
public final class ContentTopics {

    static final String RESOURCE = "/content-topics.txt";

    private ContentTopics() {}

    /** Section slug → the slugs of its topics, both in content-service's order. */
    public static Map<String, Set<String>> sections() {
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        for (String line : text().split("\n")) {
            String pair = line.strip();
            if (pair.isEmpty() || pair.startsWith("#")) {
                continue;
            }
            String[] parts = pair.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException(RESOURCE + ": not a 'section topic-slug' pair: " + line);
            }
            sections.computeIfAbsent(parts[0], s -> new LinkedHashSet<>()).add(parts[1]);
        }
        sections.replaceAll((section, topics) -> Collections.unmodifiableSet(topics));
        return Collections.unmodifiableMap(sections);
    }

    private static String text() {
        try (InputStream in = ContentTopics.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
