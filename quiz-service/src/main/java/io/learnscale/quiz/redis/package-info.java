/** The one way quiz-service calls Redis: short timeouts behind the {@code redis} circuit breaker. */
package io.learnscale.quiz.redis;
