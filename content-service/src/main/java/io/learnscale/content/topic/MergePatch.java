package io.learnscale.content.topic;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON Merge Patch, RFC 7386: members of the patch replace the target's, {@code null} removes one. */
final class MergePatch {

    private MergePatch() {}

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                JsonNode current = result.get(member.getKey());
                result.set(
                        member.getKey(),
                        apply(current == null ? JsonNodeFactory.instance.nullNode() : current, member.getValue()));
            }
        }
        return result;
    }
}
