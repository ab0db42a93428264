package io.learnscale.content.cache;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replays failed evictions soon after Redis is back even when this instance gets no read meanwhile: the other
 * instances read the same Redis and must not find the copies this one failed to evict.
 */
@Component
class EvictionReplay {

    private final ContentCache cache;

    EvictionReplay(ContentCache cache) {
        this.cache = cache;
    }

    @Scheduled(fixedDelayString = "${learnscale.cache.eviction-replay-interval:1s}")
    void replay() {
        cache.replayPendingEvictions();
    }
}
