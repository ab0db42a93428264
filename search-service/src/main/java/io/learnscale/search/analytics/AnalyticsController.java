package io.learnscale.search.analytics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
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
}
