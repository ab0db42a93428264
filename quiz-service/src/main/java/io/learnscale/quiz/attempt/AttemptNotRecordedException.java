package io.learnscale.quiz.attempt;

/** Kafka did not acknowledge the attempt in time: nothing was recorded and the client may retry. */
public class AttemptNotRecordedException extends RuntimeException {

    AttemptNotRecordedException(Throwable cause) {
        super("The attempt could not be recorded right now; nothing was saved, please retry.", cause);
    }
}
