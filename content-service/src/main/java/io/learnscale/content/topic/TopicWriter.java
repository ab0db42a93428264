package io.learnscale.content.topic;

import io.learnscale.content.cache.ContentCache;
import io.learnscale.support.ProblemAdvice.FieldErrorView;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every change of a topic, in one transaction with its event (the outbox: the event is published if and only if
 * the change commits); the cache forgets what changed once the transaction committed.
 */
@Component
class TopicWriter {

    private final Topics topics;
    private final ApplicationEventPublisher events;
    private final ContentCache cache;
    private final JsonMapper json;
    private final Validator validator;
    private final ChangeOrigins origins;

    TopicWriter(
            Topics topics,
            ApplicationEventPublisher events,
            ContentCache cache,
            JsonMapper json,
            Validator validator,
            ChangeOrigins origins) {
        this.topics = topics;
        this.events = events;
        this.cache = cache;
        this.json = json;
        this.validator = validator;
        this.origins = origins;
    }

    @Transactional
    Topic create(TopicRequest request) {
        String slug = Objects.requireNonNull(request.slug());
        requireSection(request.section());
        int position = request.position() != null ? request.position() : topics.nextPosition(request.section());
        Topic created =
                topics.insert(slug, draft(request, position)).orElseThrow(() -> new DuplicateTopicException(slug));
        changed(TopicUpserted.of(created, origins.current()));
        return created;
    }

    @Transactional
    Topic replace(String slug, @Nullable String ifMatch, TopicRequest request) {
        Topic current = topics.lock(slug).orElseThrow(() -> new TopicNotFoundException(slug));
        requireMatch(slug, ifMatch, current, true);
        return update(current, request);
    }

    @Transactional
    Topic patch(String slug, @Nullable String ifMatch, JsonNode patch) {
        Topic current = topics.lock(slug).orElseThrow(() -> new TopicNotFoundException(slug));
        requireMatch(slug, ifMatch, current, true);
        if (!patch.isObject()) {
            throw InvalidTopicException.of("", "A merge patch of a topic is a JSON object.");
        }
        JsonNode merged = MergePatch.apply(json.valueToTree(TopicRequest.of(current)), patch);
        TopicRequest request;
        try {
            request = json.treeToValue(merged, TopicRequest.class);
        } catch (JacksonException e) {
            throw InvalidTopicException.of(field(e), "has the wrong type");
        }
        List<FieldErrorView> errors = validator.validate(request).stream()
                .sorted(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .map(TopicWriter::fieldError)
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidTopicException(errors);
        }
        return update(current, request);
    }

    @Transactional
    void delete(String slug, @Nullable String ifMatch) {
        Topic current = topics.lock(slug).orElseThrow(() -> new TopicNotFoundException(slug));
        requireMatch(slug, ifMatch, current, false);
        long version = topics.delete(slug);
        changed(TopicDeleted.of(current, version, Instant.now(), origins.current()));
    }

    private Topic update(Topic current, TopicRequest request) {
        if (request.slug() != null && !request.slug().equals(current.slug())) {
            throw InvalidTopicException.of("slug", "cannot change; create a new topic and delete this one");
        }
        requireSection(request.section());
        int position = request.position() != null
                ? request.position()
                : request.section().equals(current.section())
                        ? current.position()
                        : topics.nextPosition(request.section());
        Topic updated = topics.update(current.slug(), draft(request, position));
        changed(TopicUpserted.of(updated, origins.current()));
        return updated;
    }

    /** Publishes the event inside the transaction; evicts the cache once it committed. */
    private void changed(TopicEvent event) {
        events.publishEvent(event);
        String slug = event.slug();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.evictTopic(slug);
                cache.evictListings();
            }
        });
    }

    private void requireSection(String section) {
        if (!topics.sectionExists(section)) {
            throw InvalidTopicException.of("section", "no section '" + section + "'; GET /api/sections lists them");
        }
    }

    private static void requireMatch(String slug, @Nullable String ifMatch, Topic current, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new PreconditionRequiredException(slug);
            }
            return;
        }
        if (!EntityTags.matches(ifMatch, current.version())) {
            throw new StaleTopicException(slug, ifMatch, current.version());
        }
    }

    private static Topics.Draft draft(TopicRequest request, int position) {
        return new Topics.Draft(
                request.section(),
                request.subsection(),
                request.title(),
                request.body(),
                request.tagsOrNone(),
                position);
    }

    private static FieldErrorView fieldError(ConstraintViolation<TopicRequest> violation) {
        String field = violation.getPropertyPath().toString().replace(".<list element>", "");
        return new FieldErrorView(field, violation.getMessage());
    }

    private static String field(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
