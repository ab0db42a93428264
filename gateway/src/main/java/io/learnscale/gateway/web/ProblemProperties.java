package io.learnscale.gateway.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway words its own errors.
 *
 * @param retryAfter the {@code Retry-After} sent with a 503 when an upstream cannot be reached
 */
@ConfigurationProperties("learnscale.gateway.problems")
record ProblemProperties(@DefaultValue("5s") Duration retryAfter) {}
