/** Who is asking: the user id every attempt is recorded under. */
package io.learnscale.quiz.user;
