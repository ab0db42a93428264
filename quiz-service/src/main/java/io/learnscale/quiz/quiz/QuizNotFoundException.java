package io.learnscale.quiz.quiz;

/** No quiz has the id asked for. */
public class QuizNotFoundException extends RuntimeException {

    public QuizNotFoundException(String id) {
        super("No quiz has the id '" + id + "'.");
    }
}
