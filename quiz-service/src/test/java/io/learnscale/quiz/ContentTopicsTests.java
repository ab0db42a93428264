package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The copy of content-service's sections and topics that QuizContentTests checks the quizzes against. */
class ContentTopicsTests {

    @Test
    void theCopyHoldsContentServicesThirteenSectionsAndFiftyFourTopics() {
        assertThat(ContentTopics.sections())
                .hasSize(13)
                .containsKeys(
                        "python-overview", "scaling-techniques", "python-fundamentals", "advanced-python-features");
        assertThat(ContentTopics.sections().values().stream()
                        .mapToInt(Set::size)
                        .sum())
                .isEqualTo(54);
        assertThat(ContentTopics.sections().get("scaling-techniques"))
                .containsExactly("horizontal-scaling", "vertical-scaling", "hybrid-approach");
    }

    @Test
    void aTopicSlugBelongsToOneSectionOnly() {
        assertThat(ContentTopics.sections().values().stream()
                        .flatMap(Collection::stream)
                        .toList())
                .doesNotHaveDuplicates();
    }
}
