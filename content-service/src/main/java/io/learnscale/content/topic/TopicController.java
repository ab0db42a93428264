package io.learnscale.content.topic;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/topics")
class TopicController {

    private final Topics topics;

    TopicController(Topics topics) {
        this.topics = topics;
    }

    @GetMapping
    TopicPage list(
            @RequestParam(required = false) @Nullable String section,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<TopicSummary> content = topics.find(section, tag, page * size, size).stream()
                .map(TopicSummary::of)
                .toList();
        long total = topics.count(section, tag);
        return new TopicPage(content, new PageMetadata(page, size, total, (total + size - 1) / size));
    }

    @GetMapping("/{slug}")
    TopicView get(@PathVariable String slug) {
        return topics.findBySlug(slug).map(TopicView::of).orElseThrow(() -> new TopicNotFoundException(slug));
    }

    /** A page of topics with the metadata a client needs to ask for the next one. */
    record TopicPage(List<TopicSummary> content, PageMetadata page) {}

    record PageMetadata(int number, int size, long totalElements, long totalPages) {}

    /** A topic in a list: everything but the body. */
    record TopicSummary(String slug, String section, String title, List<String> tags, int position) {
        static TopicSummary of(Topic topic) {
            return new TopicSummary(topic.slug(), topic.section(), topic.title(), topic.tags(), topic.position());
        }
    }

    /** One topic, whole. */
    record TopicView(
            String slug,
            String section,
            String title,
            String body,
            List<String> tags,
            int position,
            long version,
            Instant updatedAt) {
        static TopicView of(Topic topic) {
            return new TopicView(
                    topic.slug(),
                    topic.section(),
                    topic.title(),
                    topic.body(),
                    topic.tags(),
                    topic.position(),
                    topic.version(),
                    topic.updatedAt());
        }
    }
}
