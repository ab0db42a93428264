package io.learnscale.quiz.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalCopiesTests {

    private final AtomicLong now = new AtomicLong();
    private final LocalCopies copies = new LocalCopies(Duration.ofSeconds(5), Duration.ofHours(1), now::get);

    @Test
    void aCopyIsFreshForTheLocalTtlThenOnlyStale() {
        copies.put("k", 1, "v1");

        assertThat(copies.fresh("k", String.class)).contains("v1");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(copies.fresh("k", String.class)).isEmpty();
        assertThat(copies.stale("k", String.class)).contains("v1");
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(copies.stale("k", String.class)).isEmpty();
    }

    @Test
    void anOlderCopyNeverReplacesANewerOne() {
        copies.put("k", 2, "v2");

        assertThat(copies.put("k", 1, "v1")).isEqualTo("v2");
        assertThat(copies.fresh("k", String.class)).contains("v2");
    }

    @Test
    void anEvictedCopyIsGone() {
        copies.put("k", 1, "v1");
        copies.evict("k");

        assertThat(copies.stale("k", String.class)).isEmpty();
    }
}
