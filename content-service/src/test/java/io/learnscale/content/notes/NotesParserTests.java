package io.learnscale.content.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotesParserTests {

    private static final Notes NOTES = NotesParser.parse(NotesMigration.read());

    @Test
    void theShippedNotesBecomeThirteenSectionsOfFiftyFourTopics() {
        assertThat(NOTES.sections()).hasSize(13);
        assertThat(NOTES.topicCount()).isEqualTo(54);
    }

    @Test
    void theKnownSlugsOtherServicesUseExist() {
        assertThat(section("scaling-techniques").topics())
                .extracting(Notes.Topic::slug)
                .containsExactly("horizontal-scaling", "vertical-scaling", "hybrid-approach");
    }

    @Test
    void aHashInACodeBlockIsNoHeading() {
        Notes notes = NotesParser.parse("""
                ## Chapter

                ### First
                ```python
                # not a heading
                x = 1
                ```
                ### Second
                text
                """);
        assertThat(notes.sections().getFirst().topics())
                .extracting(Notes.Topic::title)
                .containsExactly("First", "Second");
        assertThat(notes.sections().getFirst().topics().getFirst().body())
                .isEqualTo("```python\n# not a heading\nx = 1\n```");
    }

    @Test
    void headingLevelsThatJumpAreStillTopics() {
        assertThat(section("object-oriented-programming").topics())
                .extracting(Notes.Topic::title)
                .startsWith(
                        "Concept", "Class", "Inheritance", "Encapsulation", "Abstraction", "Object", "Polymorphism");
    }

    @Test
    void questionsAreTopicsUnderTheirSubsection() {
        Notes.Topic dictionaries = section("python-fundamentals").topics().stream()
                .filter(topic -> topic.title().startsWith("How do Python dictionaries work"))
                .findFirst()
                .orElseThrow();
        assertThat(dictionaries.subsection()).isEqualTo("Dictionaries");
        assertThat(dictionaries.body()).startsWith("**A:** Python dictionaries are implemented");
        assertThat(dictionaries.tags()).contains("interview-question");
    }

    @Test
    void deeperHeadingsInAnAnswerStayInItsBody() {
        Notes.Topic hof = section("python-fundamentals").topics().stream()
                .filter(topic -> topic.slug().equals("higher-order-functions"))
                .findFirst()
                .orElseThrow();
        assertThat(hof.body()).contains("##### Benefits:").contains("##### Built in -> lambda, filter");
    }

    @Test
    void chaptersJoinTheSectionTheMappingNames() {
        assertThat(section("python-overview").title()).isEqualTo("Python 3.13.5");
        assertThat(section("python-overview").topics())
                .extracting(Notes.Topic::title)
                .containsExactly("Definition", "Uses", "Advantages", "Disadvantages");
        assertThat(section("error-handling").topics())
                .extracting(Notes.Topic::title)
                .contains("Key Exception Handling Principles");
        assertThat(section("data-structures").description()).startsWith("- A way to organize");
    }

    @Test
    void separatorsAroundABodyAreDropped() {
        assertThat(section("python-overview").topics().getFirst().body())
                .isEqualTo("Python is a high-level, interpreted programming language known for its simple,"
                        + " readable syntax that resembles English");
    }

    @Test
    void slugsAreShortLowerCaseWords() {
        assertThat(NotesParser.slugOf("Horizontal Scaling (Scale Out)")).isEqualTo("horizontal-scaling");
        assertThat(NotesParser.slugOf("What's the difference between `==` and `is` in Python?"))
                .isEqualTo("whats-the-difference-between-and-is-in-python");
        List<String> slugs = NOTES.sections().stream()
                .flatMap(section -> section.topics().stream())
                .map(Notes.Topic::slug)
                .toList();
        assertThat(slugs)
                .doesNotHaveDuplicates()
                .allMatch(slug -> slug.matches("[a-z0-9]+(-[a-z0-9]+)*") && slug.length() <= 60);
    }

    private static Notes.Section section(String slug) {
        return NOTES.sections().stream()
                .filter(section -> section.slug().equals(slug))
                .findFirst()
                .orElseThrow();
    }
}
