package io.learnscale.search.analytics;

import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin only: everything under {@code /api/admin/} ({@link AnalyticsAccess}). */
@RestController
@RequestMapping("/api/admin/analytics")
class AdminAnalyticsController {

    private static final URI STATUS = URI.create("/api/admin/analytics/rebuild");

    private final AnalyticsRebuild rebuild;

    AdminAnalyticsController(AnalyticsRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** Replays {@code quiz.attempts} into fresh aggregates, then swaps them in: 202, follow it at the Location. */
    @PostMapping("/rebuild")
    ResponseEntity<RebuildStatus> rebuild() {
        return ResponseEntity.accepted().location(STATUS).body(rebuild.begin());
    }

    @GetMapping("/rebuild")
    RebuildStatus status() {
        return rebuild.status();
    }
}
