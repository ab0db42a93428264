package io.learnscale.content.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The examples of RFC 7386, appendix A, and then some. */
class MergePatchTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void membersReplaceAndNullRemoves() {
        assertThat(merge("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo(tree("{\"a\":\"c\"}"));
        assertThat(merge("{\"a\":\"b\"}", "{\"b\":\"c\"}")).isEqualTo(tree("{\"a\":\"b\",\"b\":\"c\"}"));
        assertThat(merge("{\"a\":\"b\"}", "{\"a\":null}")).isEqualTo(tree("{}"));
        assertThat(merge("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}")).isEqualTo(tree("{\"b\":\"c\"}"));
    }

    @Test
    void arraysAreReplacedWhole() {
        assertThat(merge("{\"a\":[\"b\"]}", "{\"a\":\"c\"}")).isEqualTo(tree("{\"a\":\"c\"}"));
        assertThat(merge("{\"a\":\"c\"}", "{\"a\":[\"b\"]}")).isEqualTo(tree("{\"a\":[\"b\"]}"));
        assertThat(merge("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}")).isEqualTo(tree("{\"a\":[1]}"));
    }

    @Test
    void objectsMergeRecursively() {
        assertThat(merge("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}"))
                .isEqualTo(tree("{\"a\":{\"b\":\"d\"}}"));
        assertThat(merge("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}")).isEqualTo(tree("{\"a\":{\"bb\":{}}}"));
    }

    @Test
    void aNonObjectPatchReplacesTheTarget() {
        assertThat(merge("{\"a\":\"foo\"}", "[\"c\"]")).isEqualTo(tree("[\"c\"]"));
        assertThat(merge("[1,2]", "{\"a\":\"b\"}")).isEqualTo(tree("{\"a\":\"b\"}"));
    }

    @Test
    void theTargetIsNotChanged() {
        JsonNode target = tree("{\"a\":\"b\"}");
        MergePatch.apply(target, tree("{\"a\":null}"));
        assertThat(target).isEqualTo(tree("{\"a\":\"b\"}"));
    }

    private JsonNode merge(String target, String patch) {
        return MergePatch.apply(tree(target), tree(patch));
    }

    private JsonNode tree(String text) {
        return json.readTree(text);
    }
}
