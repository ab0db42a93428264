package io.learnscale.content.topic;

import io.learnscale.support.ProblemAdvice.FieldErrorView;
import java.util.List;

/** A topic that breaks a rule found beyond bean validation: an unknown section, a merge patch gone wrong. */
class InvalidTopicException extends RuntimeException {

    private final List<FieldErrorView> errors;

    InvalidTopicException(List<FieldErrorView> errors) {
        super("The request has invalid fields.");
        this.errors = List.copyOf(errors);
    }

    static InvalidTopicException of(String field, String message) {
        return new InvalidTopicException(List.of(new FieldErrorView(field, message)));
    }

    List<FieldErrorView> errors() {
        return errors;
    }
}
