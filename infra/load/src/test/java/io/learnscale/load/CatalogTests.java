package io.learnscale.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CatalogTests {

    @Test
    void aGuessAnswersEveryQuestionWithOneOfItsChoices() {
        Map<String, List<String>> choices = new LinkedHashMap<>();
        choices.put("q1", List.of("a", "b"));
        choices.put("q2", List.of("c"));

        JsonNode answers = JsonMapper.builder()
                .build()
                .readTree(new Catalog.QuizShape("quiz", choices).randomAnswers())
                .get("answers");

        assertThat(answers.propertyNames()).containsExactly("q1", "q2");
        assertThat(answers.get("q1")).hasSize(1);
        assertThat(answers.get("q1").get(0).asString()).isIn("a", "b");
        assertThat(answers.get("q2").get(0).asString()).isEqualTo("c");
    }
}
