package io.learnscale.quiz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headings of the notes (a copy in test resources) and the slugs content-service derives from them: a heading
 * outside a fenced code block, lowercased, a parenthesised aside dropped, every run of other characters one hyphen,
 * no hyphen at either end. A section is a {@code ##} heading; its topics are the headings below it (or the section
 * heading itself when it has none), up to the next {@code ##}.
 */
public final class NotesHeadings {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");

    private NotesHeadings() {}

    public record Heading(int level, String text, String slug) {}

    public static List<Heading> headings() {
        List<Heading> headings = new ArrayList<>();
        boolean inCode = false;
        for (String line : notes().split("\n")) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inCode && heading.matches()) {
                headings.add(new Heading(heading.group(1).length(), heading.group(2), slug(heading.group(2))));
            }
        }
        return headings;
    }

    public static String slug(String heading) {
        String slug = heading.replaceAll("\\([^)]*\\)", " ")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug;
    }

    /** Section slug → the slugs of its topics; two sections with one slug are one section. */
    public static Map<String, Set<String>> sections() {
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        String current = null;
        for (Heading heading : headings()) {
            if (heading.level() == 2) {
                current = heading.slug();
                sections.computeIfAbsent(current, s -> new LinkedHashSet<>()).add(current);
            } else if (heading.level() > 2 && current != null) {
                sections.get(current).add(heading.slug());
            }
        }
        return sections;
    }

    private static String notes() {
        try (InputStream in = NotesHeadings.class.getResourceAsStream("/notes/python-architecture-notes.md")) {
            if (in == null) {
                throw new IllegalStateException("notes/python-architecture-notes.md is missing from test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
