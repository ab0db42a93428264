package io.learnscale.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

/**
 * The whole notes, as the API serves them after a fresh start, checked against the Markdown file itself with a
 * reading of its own (not the importer's): every heading outside a code block is somewhere, every line is served.
 */
@ContentServiceTest
class NotesServedTests {

    /** The one chapter heading that names no section or topic of its own: its questions joined this section. */
    private static final Map<String, String> MERGED_CHAPTERS =
            Map.of("Object-Oriented Programming", "object-oriented-programming");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
    private static final Pattern QUESTION = Pattern.compile("^\\*\\*Q[:.]\\s*(.*?)\\*\\*\\s*$");

    @LocalServerPort
    int port;

    private List<Map<String, Object>> sections;
    private List<Map<String, Object>> topics;

    @BeforeEach
    void readEverything() {
        Api api = new Api(port);
        sections = JsonPath.read(api.get("/api/sections").getBody(), "$");
        List<String> slugs = new ArrayList<>();
        for (int page = 0; ; page++) {
            String body = api.get("/api/topics?size=100&page=" + page).getBody();
            slugs.addAll(JsonPath.read(body, "$.content[*].slug"));
            if (page + 1 >= JsonPath.<Integer>read(body, "$.page.totalPages")) {
                break;
            }
        }
        topics = new ArrayList<>();
        for (String slug : slugs) {
            topics.add(JsonPath.read(api.get("/api/topics/" + slug).getBody(), "$"));
        }
    }

    @Test
    void everySectionOfTheNotesIsServedInOrder() {
        assertThat(sections)
                .extracting(section -> section.get("slug"))
                .containsExactly(
                        "python-overview",
                        "object-oriented-programming",
                        "data-structures",
                        "scaling-techniques",
                        "python-in-practice",
                        "apis",
                        "python-fundamentals",
                        "advanced-topics",
                        "error-handling",
                        "testing-and-debugging",
                        "performance-and-optimization",
                        "libraries-and-frameworks",
                        "advanced-python-features");
        assertThat(sections.getFirst()).containsEntry("title", "Python 3.13.5");
        assertThat(sections.getFirst()).containsEntry("description", "system architecture");
    }

    @Test
    void everyQuestionIsATopic() throws IOException {
        List<String> questions = new ArrayList<>();
        for (Line line : outsideCode()) {
            Matcher question = QUESTION.matcher(line.text());
            if (question.matches()) {
                questions.add(question.group(1).trim());
            }
        }
        assertThat(questions).hasSize(28);
        assertThat(topics).extracting(topic -> topic.get("title")).containsAll(questions);
        assertThat(topics.stream()
                        .filter(topic -> ((List<?>) topic.get("tags")).contains("interview-question"))
                        .count())
                .isEqualTo(questions.size());
    }

    @Test
    void noHeadingOutsideACodeBlockIsLost() throws IOException {
        Set<Object> sectionTitles =
                Set.copyOf(sections.stream().map(s -> s.get("title")).toList());
        Set<Object> topicTitles =
                Set.copyOf(topics.stream().map(t -> t.get("title")).toList());
        Set<Object> subsections = Set.copyOf(topics.stream()
                .map(t -> t.get("subsection"))
                .filter(s -> s != null)
                .toList());
        String bodies = String.join(
                "\n", topics.stream().map(t -> (String) t.get("body")).toList());

        List<String> headings = new ArrayList<>();
        for (Line line : outsideCode()) {
            Matcher heading = HEADING.matcher(line.text());
            if (heading.matches()) {
                headings.add(heading.group(2));
                String title = heading.group(2);
                boolean kept = sectionTitles.contains(title)
                        || topicTitles.contains(title)
                        || subsections.contains(title)
                        || bodies.lines().anyMatch(body -> body.equals(line.text()))
                        || MERGED_CHAPTERS.containsKey(title);
                assertThat(kept)
                        .as("heading '%s' (line %d) is served", title, line.number())
                        .isTrue();
            }
        }
        assertThat(headings).hasSize(53).doesNotContain("Examples", "Get squares of even numbers only");
        assertThat(topics)
                .filteredOn(topic -> "object-oriented-programming".equals(topic.get("section")))
                .extracting(topic -> topic.get("subsection"))
                .contains("Classes and Objects");
    }

    @Test
    void everyLineOfTheNotesIsServed() throws IOException {
        StringBuilder served = new StringBuilder();
        sections.forEach(section -> served.append(section.get("title"))
                .append('\n')
                .append(section.get("description"))
                .append('\n'));
        topics.forEach(topic -> served.append(topic.get("title"))
                .append('\n')
                .append(topic.get("subsection"))
                .append('\n')
                .append(topic.get("body"))
                .append('\n'));
        String all = served.toString();

        for (Line line : lines()) {
            String text = line.text();
            if (text.isBlank() || text.trim().equals("---")) {
                continue; // separators between chapters
            }
            Matcher heading = HEADING.matcher(text);
            Matcher question = QUESTION.matcher(text);
            String expected = !line.inCode() && heading.matches()
                    ? heading.group(2)
                    : !line.inCode() && question.matches() ? question.group(1).trim() : text;
            assertThat(all).as("line %d is served: %s", line.number(), text).contains(expected);
        }
    }

    @Test
    void codeBlocksStayIntact() {
        Map<String, Object> identity = topics.stream()
                .filter(topic -> "whats-the-difference-between-and-is-in-python".equals(topic.get("slug")))
                .findFirst()
                .orElseThrow();
        assertThat((String) identity.get("body"))
                .contains("```python\n# Examples\na = [1, 2, 3]")
                .contains("print(x is y)  # True (Python interns small strings)\n```");
    }

    private record Line(int number, String text, boolean inCode) {}

    private static List<Line> lines() throws IOException {
        String notes =
                new ClassPathResource("notes/python-architecture-notes.md").getContentAsString(StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        boolean inCode = false;
        int number = 0;
        for (String text : notes.split("\n")) {
            number++;
            boolean fence = text.trim().startsWith("```");
            lines.add(new Line(number, text, inCode || fence));
            if (fence) {
                inCode = !inCode;
            }
        }
        return lines;
    }

    private static List<Line> outsideCode() throws IOException {
        return lines().stream().filter(line -> !line.inCode()).toList();
    }
}
