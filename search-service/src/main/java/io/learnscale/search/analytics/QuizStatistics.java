package io.learnscale.search.analytics;

import java.util.List;

/**
 * What analytics knows of one quiz.
 *
 * @param maxScore the highest maximum score an attempt had (the number of questions)
 * @param histogram how many attempts scored each score, from 0 to {@code maxScore}
 * @param questions per question: how many attempts answered it, how many right, and the rate
 */
record QuizStatistics(
        String quizId,
        long attempts,
        double meanScore,
        double meanScorePercent,
        int maxScore,
        List<ScoreCount> histogram,
        List<QuestionStatistics> questions) {

    record ScoreCount(int score, long attempts) {}

    record QuestionStatistics(String questionId, long answered, long correct, double correctRate) {}
}
