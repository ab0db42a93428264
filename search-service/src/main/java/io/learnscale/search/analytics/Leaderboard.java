package io.learnscale.search.analytics;

import java.util.List;

/** The users with the most points; a user's points are the sum of their best score on each quiz they took. */
record Leaderboard(List<Entry> entries) {

    record Entry(int rank, String userId, long points, long attempts) {}
}
