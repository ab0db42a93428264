package io.learnscale.content.topic;

import io.learnscale.content.cache.ContentCache;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reads through the Redis cache: a hit costs no database query. */
@Component
class TopicReader {

    static final String PAGES = "topics";

    private final Topics topics;
    private final ContentCache cache;

    TopicReader(Topics topics, ContentCache cache) {
        this.topics = topics;
        this.cache = cache;
    }

    Optional<Topic> find(String slug) {
        return cache.topic(slug, Topic.class, () -> topics.find(slug));
    }

    TopicPage page(@Nullable String section, @Nullable String tag, int page, int size) {
        String key = (section == null ? "*" : section) + '|' + (tag == null ? "*" : tag) + '|' + page + '|' + size;
        return cache.listing(PAGES, key, TopicPage.class, () -> {
            long total = topics.count(section, tag);
            List<TopicPage.Summary> content =
                    total > (long) page * size ? topics.find(section, tag, page * size, size) : List.of();
            return new TopicPage(content, TopicPage.PageMetadata.of(page, size, total));
        });
    }
}
