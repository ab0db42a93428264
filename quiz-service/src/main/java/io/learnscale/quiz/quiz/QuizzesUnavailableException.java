package io.learnscale.quiz.quiz;

/** The quiz database cannot be reached and no cached copy can answer. */
public class QuizzesUnavailableException extends RuntimeException {

    QuizzesUnavailableException(Throwable cause) {
        super("Quizzes cannot be read right now; please retry.", cause);
    }
}
