package io.learnscale.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Events as the producers write them, made from the samples in src/test/resources/events. */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {}

    public static String topicUpserted(
            String slug, String section, String title, String body, List<String> tags, long version) {
        ObjectNode event = sample("topic-upserted-v1.json");
        event.put("id", UUID.randomUUID().toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("slug", slug);
        data.put("section", section);
        data.put("title", title);
        data.put("body", body);
        var array = data.putArray("tags");
        tags.forEach(array::add);
        data.put("version", version);
        return event.toString();
    }

    public static String topicDeleted(String slug, long version) {
        ObjectNode event = sample("topic-deleted-v1.json");
        event.put("id", UUID.randomUUID().toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("slug", slug);
        data.put("version", version);
        return event.toString();
    }

    /** An AttemptSubmitted; {@code correct} has one entry per question, the score is how many are true. */
    public static String attempt(String attemptId, String quizId, String section, String userId, boolean... correct) {
        int score =
                (int) IntStream.range(0, correct.length).filter(i -> correct[i]).count();
        String results = IntStream.range(0, correct.length)
                .mapToObj(i -> """
                        {"questionId": "q%d", "correct": %b, "chosen": ["a"], "correctChoices": ["%s"]}""".formatted(i + 1, correct[i], correct[i] ? "a" : "b"))
                .collect(Collectors.joining(", "));
        return """
                {"id": "%1$s", "type": "AttemptSubmitted", "version": 1, "occurredAt": "2026-11-25T12:00:00Z",
                 "data": {"attemptId": "%1$s", "quizId": "%2$s", "section": "%3$s", "userId": "%4$s",
                          "answers": {}, "results": [%5$s], "score": %6$d, "maxScore": %7$d,
                          "submittedAt": "2026-11-25T12:00:00Z"}}""".formatted(attemptId, quizId, section, userId, results, score, correct.length);
    }

    /** A word the analyzer keeps whole and no other test uses: letters only. */
    public static String uniqueWord() {
        return "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode)
                    JSON.readTree(new ClassPathResource("events/" + name).getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
