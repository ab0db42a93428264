package io.learnscale.content.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem+json statuses an operation can answer besides 500 and 503, which every operation can: the OpenAPI
 * document lists each with the {@code Problem} schema.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProblemResponses {

    int[] value();
}
