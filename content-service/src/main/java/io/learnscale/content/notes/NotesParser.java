package io.learnscale.content.notes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the Markdown notes into sections and topics. The mapping (README, "The notes as data"):
 *
 * <ul>
 *   <li>Headings count only outside fenced code blocks ({@code # Examples} in a Python block is a comment).
 *   <li>The {@code #} title names the first section ({@code python-overview}); the line under it is its
 *       description.
 *   <li>Every {@code ##} heading opens a chapter. A chapter is its own section unless {@link #CHAPTER_SECTIONS}
 *       gathers it into another one (short chapters under one title, the second "Object-Oriented Programming"
 *       chapter into the first, "Key Exception Handling Principles" into "Error Handling").
 *   <li>In a chapter without questions, every deeper heading is a topic, whatever its level (the notes jump
 *       levels: {@code ####} under {@code ##}); the text before the first one is the section's description. A
 *       chapter without sub-headings that joins another section is one topic.
 *   <li>In a chapter with questions ({@code **Q: ...**} or {@code **Q. ...**}), each question is a topic titled
 *       by the question, its answer the body; a {@code ###} heading is the subsection of the questions under it,
 *       deeper headings stay in the answer's body; text before the first question is a topic titled by its
 *       heading.
 *   <li>Bodies are the Markdown as written (code blocks intact), without the {@code ---} separators around them.
 * </ul>
 */
final class NotesParser {

    /** The section the document title opens. */
    static final String TITLE_SECTION = "python-overview";

    /** Chapters that join another section instead of opening their own. */
    static final Map<String, String> CHAPTER_SECTIONS = Map.ofEntries(
            Map.entry("Definition", TITLE_SECTION),
            Map.entry("Uses", TITLE_SECTION),
            Map.entry("Advantages", TITLE_SECTION),
            Map.entry("Disadvantages", TITLE_SECTION),
            Map.entry("Library & API Installation Checklist", "python-in-practice"),
            Map.entry("JSON Handling in Python", "python-in-practice"),
            Map.entry("ORM (Object-Relational Mapping)", "python-in-practice"),
            Map.entry("Multithreading vs Multiprocessing", "python-in-practice"),
            Map.entry("Design Concepts", "python-in-practice"),
            Map.entry("Lambda Functions", "python-fundamentals"),
            Map.entry("Object-Oriented Programming", "object-oriented-programming"),
            Map.entry("Key Exception Handling Principles", "error-handling"));

    /** Titles of the sections that no heading names. */
    static final Map<String, String> SECTION_TITLES =
            Map.of("python-in-practice", "Python in Practice", "python-fundamentals", "Python Fundamentals");

    /** Slugs for titles too generic to stand alone; the rest are made from the title. */
    static final Map<String, String> TOPIC_SLUGS = Map.ofEntries(
            Map.entry("Definition", "python-definition"),
            Map.entry("Uses", "python-uses"),
            Map.entry("Advantages", "python-advantages"),
            Map.entry("Disadvantages", "python-disadvantages"),
            Map.entry("Concept", "oop-concept"),
            Map.entry("Class", "oop-class"),
            Map.entry("Object", "oop-object"),
            Map.entry("Built-in", "built-in-data-structures"),
            Map.entry("User-defined", "user-defined-data-structures"),
            Map.entry("HOF.", "higher-order-functions"));

    /** The tag every topic of a section carries. */
    static final Map<String, String> SECTION_TAGS = Map.ofEntries(
            Map.entry(TITLE_SECTION, "python"),
            Map.entry("object-oriented-programming", "oop"),
            Map.entry("data-structures", "data-structures"),
            Map.entry("scaling-techniques", "scaling"),
            Map.entry("python-in-practice", "python"),
            Map.entry("apis", "api"),
            Map.entry("python-fundamentals", "python"),
            Map.entry("advanced-topics", "python"),
            Map.entry("error-handling", "exceptions"),
            Map.entry("testing-and-debugging", "testing"),
            Map.entry("performance-and-optimization", "performance"),
            Map.entry("libraries-and-frameworks", "libraries"),
            Map.entry("advanced-python-features", "python"));

    /** The tag of every question topic. */
    static final String QUESTION_TAG = "interview-question";

    /** Tags given by what a topic talks about: the scaling techniques first, then Python themes. */
    private static final Map<String, Pattern> KEYWORD_TAGS = keywordTags();

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern FENCE = Pattern.compile("^[ \\t]*(```|~~~)");
    private static final Pattern QUESTION = Pattern.compile("^\\*\\*Q[:.][ \\t]*(.*?)\\*\\*[ \\t]*(.*)$");
    private static final Pattern RULE = Pattern.compile("^[ \\t]*([-*_])([ \\t]*\\1){2,}[ \\t]*$");
    private static final int MAX_SLUG = 60;

    private NotesParser() {}

    static Notes parse(String markdown) {
        return new Parser(lines(markdown)).parse();
    }

    /** A line of the notes; {@code level} is the heading level, 0 for text and for anything in a code block. */
    record Line(String text, int level, String heading, boolean question) {}

    static List<Line> lines(String markdown) {
        List<Line> lines = new ArrayList<>();
        boolean inCode = false;
        for (String text : markdown.replace("\r\n", "\n").split("\n", -1)) {
            if (FENCE.matcher(text).find()) {
                inCode = !inCode;
                lines.add(new Line(text, 0, "", false));
                continue;
            }
            Matcher heading = HEADING.matcher(text);
            if (!inCode && heading.matches()) {
                lines.add(new Line(
                        text, heading.group(1).length(), heading.group(2).trim(), false));
            } else {
                lines.add(
                        new Line(text, 0, "", !inCode && QUESTION.matcher(text).matches()));
            }
        }
        return lines;
    }

    /** A URL-safe slug: lower case words joined by '-', without parenthesised asides, at most 60 characters. */
    static String slugOf(String title) {
        String plain = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\([^)]*\\)", " ")
                .replace("&", " and ")
                .replace("'", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (plain.length() > MAX_SLUG) {
            int cut = plain.lastIndexOf('-', MAX_SLUG);
            plain = plain.substring(0, cut > 0 ? cut : MAX_SLUG);
        }
        return plain.isEmpty() ? "topic" : plain;
    }

    private static Map<String, Pattern> keywordTags() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("load-balancing", "load[ -]balanc");
        words.put("microservices", "microservice");
        words.put("sharding", "shard");
        words.put("cdn", "\\bCDN\\b|content delivery");
        words.put("auto-scaling", "auto-scal");
        words.put("clustering", "\\bcluster");
        words.put("message-queues", "message queue");
        words.put("caching", "\\bcach(e|es|ing)\\b|memoi[sz]ation");
        words.put("connection-pooling", "connection pool");
        words.put("rest", "\\bREST\\b");
        words.put("http", "\\bHTTP\\b");
        words.put("json", "\\bJSON\\b");
        words.put("concurrency", "thread|multiprocess|\\bGIL\\b|asyncio|concurren");
        words.put("async", "\\basync|\\bawait\\b");
        words.put("decorators", "decorator");
        words.put("generators", "generator");
        words.put("memory", "memory");
        Map<String, Pattern> tags = new LinkedHashMap<>();
        words.forEach((tag, regex) -> tags.put(tag, Pattern.compile(regex, Pattern.CASE_INSENSITIVE)));
        return tags;
    }

    /** One pass over the lines, chapter by chapter. */
    private static final class Parser {

        private final List<Line> lines;
        private final Map<String, SectionDraft> sections = new LinkedHashMap<>();
        private final Set<String> slugs = new HashSet<>();

        Parser(List<Line> lines) {
            this.lines = lines;
        }

        Notes parse() {
            int start = 0;
            while (start < lines.size()) {
                if (lines.get(start).level() == 1 || lines.get(start).level() == 2) {
                    int end = start + 1;
                    while (end < lines.size()
                            && !(lines.get(end).level() == 1 || lines.get(end).level() == 2)) {
                        end++;
                    }
                    chapter(lines.get(start), lines.subList(start + 1, end));
                    start = end;
                } else {
                    start++; // text before the first heading: none in the notes
                }
            }
            List<Notes.Section> result = new ArrayList<>();
            for (SectionDraft draft : sections.values()) {
                result.add(draft.build(result.size() + 1));
            }
            return new Notes(List.copyOf(result));
        }

        private void chapter(Line heading, List<Line> body) {
            String title = heading.heading();
            String sectionSlug =
                    heading.level() == 1 ? TITLE_SECTION : CHAPTER_SECTIONS.getOrDefault(title, slugOf(title));
            SectionDraft section = sections.get(sectionSlug);
            boolean ownSection = section == null;
            if (section == null) {
                String sectionTitle = heading.level() == 1 ? title : SECTION_TITLES.getOrDefault(sectionSlug, title);
                ownSection = sectionTitle.equals(title);
                section = new SectionDraft(sectionSlug, sectionTitle);
                sections.put(sectionSlug, section);
            }
            if (heading.level() == 1) {
                section.describe(text(body));
            } else if (body.stream().anyMatch(Line::question)) {
                questions(section, title, ownSection, body);
            } else {
                notes(section, title, ownSection, body);
            }
        }

        /** A chapter of notes: each deeper heading is a topic. */
        private void notes(SectionDraft section, String title, boolean ownSection, List<Line> body) {
            int first = 0;
            while (first < body.size() && body.get(first).level() == 0) {
                first++;
            }
            String intro = text(body.subList(0, first));
            if (first == body.size()) {
                section.add(topic(section.slug, title, null, intro, false));
                return;
            }
            if (ownSection) {
                section.describe(intro);
            } else if (!intro.isEmpty()) {
                section.add(topic(section.slug, title, null, intro, false));
            }
            String subsection = ownSection ? null : title;
            int start = first;
            while (start < body.size()) {
                int end = start + 1;
                while (end < body.size() && body.get(end).level() == 0) {
                    end++;
                }
                String topicTitle = body.get(start).heading();
                section.add(topic(section.slug, topicTitle, subsection, text(body.subList(start + 1, end)), false));
                start = end;
            }
        }

        /** A chapter of questions: each question is a topic, {@code ###} headings name subsections. */
        private void questions(SectionDraft section, String title, boolean ownSection, List<Line> body) {
            String subsection = ownSection ? null : title;
            String pendingTitle = title;
            List<Line> pending = new ArrayList<>();
            String question = null;
            List<Line> answer = new ArrayList<>();
            for (Line line : body) {
                if (line.level() == 3 || line.question()) {
                    if (question != null) {
                        section.add(topic(section.slug, question, subsection, text(answer), true));
                        question = null;
                    }
                    flushPending(section, ownSection && pendingTitle.equals(title), pendingTitle, subsection, pending);
                    if (line.level() == 3) {
                        subsection = line.heading();
                        pendingTitle = line.heading();
                    } else {
                        Matcher matcher = QUESTION.matcher(line.text());
                        matcher.matches();
                        question = matcher.group(1).trim();
                        answer = new ArrayList<>();
                        if (!matcher.group(2).isBlank()) {
                            answer.add(new Line(matcher.group(2), 0, "", false));
                        }
                    }
                } else if (question != null) {
                    answer.add(line);
                } else {
                    pending.add(line);
                }
            }
            if (question != null) {
                section.add(topic(section.slug, question, subsection, text(answer), true));
            }
            flushPending(section, ownSection && pendingTitle.equals(title), pendingTitle, subsection, pending);
        }

        private void flushPending(
                SectionDraft section, boolean isIntro, String title, @Nullable String subsection, List<Line> pending) {
            String text = text(pending);
            pending.clear();
            if (text.isEmpty()) {
                return;
            }
            if (isIntro) {
                section.describe(text);
            } else {
                section.add(topic(section.slug, title, title.equals(subsection) ? null : subsection, text, false));
            }
        }

        private Notes.Topic topic(
                String sectionSlug, String title, @Nullable String subsection, String body, boolean question) {
            String slug = TOPIC_SLUGS.getOrDefault(title, slugOf(title));
            String unique = slug;
            for (int n = 2; !slugs.add(unique); n++) {
                unique = slug + "-" + n;
            }
            return new Notes.Topic(unique, title, subsection, body, tags(sectionSlug, title, body, question), 0);
        }

        private static List<String> tags(String sectionSlug, String title, String body, boolean question) {
            Set<String> tags = new LinkedHashSet<>();
            tags.add(SECTION_TAGS.getOrDefault(sectionSlug, sectionSlug));
            String text = title + "\n" + body;
            KEYWORD_TAGS.forEach((tag, pattern) -> {
                if (pattern.matcher(text).find()) {
                    tags.add(tag);
                }
            });
            if (question) {
                tags.add(QUESTION_TAG);
            }
            return List.copyOf(tags);
        }

        /** The lines as Markdown, without blank lines and {@code ---} separators around them. */
        private static String text(List<Line> lines) {
            int from = 0;
            int to = lines.size();
            while (from < to && isFiller(lines.get(from))) {
                from++;
            }
            while (to > from && isFiller(lines.get(to - 1))) {
                to--;
            }
            StringBuilder text = new StringBuilder();
            for (Line line : lines.subList(from, to)) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(line.text());
            }
            return text.toString();
        }

        private static boolean isFiller(Line line) {
            return line.level() == 0
                    && (line.text().isBlank() || RULE.matcher(line.text()).matches());
        }
    }

    /** A section while its chapters are read. */
    private static final class SectionDraft {

        final String slug;
        final String title;

        @Nullable
        String description;

        final List<Notes.Topic> topics = new ArrayList<>();

        SectionDraft(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }

        void describe(String text) {
            if (!text.isEmpty()) {
                description = description == null ? text : description + "\n\n" + text;
            }
        }

        void add(Notes.Topic topic) {
            topics.add(new Notes.Topic(
                    topic.slug(), topic.title(), topic.subsection(), topic.body(), topic.tags(), topics.size() + 1));
        }

        Notes.Section build(int position) {
            return new Notes.Section(slug, title, description, position, List.copyOf(topics));
        }
    }
}
