package io.learnscale.quiz.quiz;

/** A quiz with that id exists already. */
public class QuizAlreadyExistsException extends RuntimeException {

    public QuizAlreadyExistsException(String id) {
        super("A quiz with the id '" + id + "' exists already.");
    }
}
