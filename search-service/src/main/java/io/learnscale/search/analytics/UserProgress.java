package io.learnscale.search.analytics;

import java.util.List;

/** One user's progress: attempts, and per section the attempts and the best one (by percentage). */
record UserProgress(String userId, long attempts, List<SectionProgress> sections) {

    record SectionProgress(String section, long attempts, int bestScore, int bestMaxScore, double bestPercent) {}
}
