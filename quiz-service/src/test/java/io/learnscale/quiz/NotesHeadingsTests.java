package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slug rule the quiz content test relies on, pinned on the notes' awkward headings. */
class NotesHeadingsTests {

    @Test
    void aParenthesisedAsideIsDroppedAndRunsBecomeOneHyphen() {
        assertThat(NotesHeadings.slug("Horizontal Scaling (Scale Out)")).isEqualTo("horizontal-scaling");
        assertThat(NotesHeadings.slug("Library & API Installation Checklist"))
                .isEqualTo("library-api-installation-checklist");
        assertThat(NotesHeadings.slug(" What is an API?")).isEqualTo("what-is-an-api");
        assertThat(NotesHeadings.slug("Built in -> lambda, filter")).isEqualTo("built-in-lambda-filter");
        assertThat(NotesHeadings.slug("Python 3.13.5")).isEqualTo("python-3-13-5");
    }

    @Test
    void headingsInsideCodeBlocksAreNotHeadings() {
        assertThat(NotesHeadings.headings())
                .extracting(NotesHeadings.Heading::text)
                .doesNotContain("Examples", "String interning example", "Get squares of even numbers only");
    }

    @Test
    void theTwoObjectOrientedProgrammingSectionsAreOne() {
        assertThat(NotesHeadings.sections().get("object-oriented-programming"))
                .contains("concept", "polymorphism", "classes-and-objects");
    }

    @Test
    void everySectionOfTheNotesIsFound() {
        assertThat(NotesHeadings.sections())
                .hasSize(21)
                .containsKeys("definition", "scaling-techniques", "apis", "advanced-python-features");
        assertThat(NotesHeadings.sections().get("scaling-techniques"))
                .containsExactly("scaling-techniques", "horizontal-scaling", "vertical-scaling", "hybrid-approach");
    }
}
