/**
 * Quizzes: the catalog read through two cache levels (this instance, Redis) in front of PostgreSQL, the taker's view
 * that never shows the answers, and authoring with validation and cache eviction after commit.
 */
package io.learnscale.quiz.quiz;
