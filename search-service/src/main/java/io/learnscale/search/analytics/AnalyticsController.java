package io.learnscale.search.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

    private final Aggregates aggregates;

    AnalyticsController(Aggregates aggregates) {
        this.aggregates = aggregates;
    }

    /** A quiz nobody has taken yet simply has no attempts. */
    @GetMapping("/quizzes/{id}")
    QuizStatistics quiz(@PathVariable String id) {
        return aggregates.quiz(id);
    }

    @GetMapping("/leaderboard")
    Leaderboard leaderboard(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return aggregates.leaderboard(limit);
    }

    /** That user or an admin: the rule is path based, {@code /api/analytics/users/{user}} ({@link AnalyticsAccess}). */
    @GetMapping("/users/{user}")
    UserProgress user(@PathVariable String user) {
        return aggregates.user(user);
    }
}
