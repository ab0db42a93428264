package io.learnscale.search.index;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record of {@code content.topics}: key = slug; {@code TopicUpserted} with the whole topic,
 * {@code TopicDeleted} with at least the slug, and a null value (a tombstone) deletes the key too.
 */
@Component
class TopicChanges {

    private final JsonMapper json;

    TopicChanges(JsonMapper json) {
        this.json = json;
    }

    TopicChange read(@Nullable String key, @Nullable String value) {
        if (value == null) {
            return new TopicChange.Delete(required("record key (slug) of a tombstone", key), null);
        }
        TopicEvent event;
        try {
            event = json.readValue(value, TopicEvent.class);
        } catch (JacksonException e) {
            throw new InvalidTopicEventException("Not an event: " + e.getOriginalMessage(), e);
        }
        if (event == null || event.type() == null) {
            throw new InvalidTopicEventException("An event without a type");
        }
        return switch (event.type()) {
            case TopicEvent.UPSERTED -> upsert(topic(event));
            case TopicEvent.DELETED -> deletion(key, topic(event));
            default -> new TopicChange.Ignore(event.type());
        };
    }

    private TopicEvent.Topic topic(TopicEvent event) {
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidTopicEventException(event.type() + " without data");
        }
        try {
            return json.treeToValue(event.data(), TopicEvent.Topic.class);
        } catch (JacksonException e) {
            throw new InvalidTopicEventException(event.type() + " with unreadable data: " + e.getOriginalMessage(), e);
        }
    }

    private static TopicChange upsert(TopicEvent.Topic topic) {
        List<String> tags = topic.tags() == null
                ? List.of()
                : topic.tags().stream()
                        .filter(Objects::nonNull)
                        .filter(tag -> !tag.isBlank())
                        .toList();
        return new TopicChange.Upsert(
                required("slug", topic.slug()),
                required("section", topic.section()),
                required("title", topic.title()),
                topic.body() == null ? "" : topic.body(),
                tags,
                topic.version());
    }

    private static TopicChange deletion(@Nullable String key, TopicEvent.Topic topic) {
        String slug = topic.slug() != null && !topic.slug().isBlank() ? topic.slug() : required("slug", key);
        return new TopicChange.Delete(slug, topic.version());
    }

    private static String required(String what, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidTopicEventException("The " + what + " is missing");
        }
        return value;
    }
}
