/**
 * Attempts: grading, Idempotency-Key records in Redis, and the AttemptSubmitted event on {@code quiz.attempts}, sent
 * before the 201 with acks=all.
 */
package io.learnscale.quiz.attempt;
