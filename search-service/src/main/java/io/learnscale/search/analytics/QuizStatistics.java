package io.learnscale.search.analytics;

/** What analytics knows of one quiz. */
record QuizStatistics(String quizId, long attempts, double meanScore, double meanScorePercent) {}
