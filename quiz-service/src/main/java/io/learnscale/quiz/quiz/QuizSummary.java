package io.learnscale.quiz.quiz;

/** One line of the quiz list. */
record QuizSummary(String id, String section, String title, int questionCount) {}
