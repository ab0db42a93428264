package io.learnscale.search.index;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

    private final TopicIndex index;
    private final TopicsReplica replica;

    SearchController(TopicIndex index, TopicsReplica replica) {
        this.index = index;
        this.replica = replica;
    }

    /**
     * Ranked topics for {@code q}, optionally within one section. An instance whose index is still catching up
     * answers 503 rather than partial results.
     */
    @GetMapping("/api/search")
    SearchResults search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String section,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        if (!replica.caughtUp()) {
            throw new IndexNotReadyException();
        }
        return index.search(q, section, limit);
    }
}
