package io.learnscale.quiz.attempt;

import java.time.Instant;

/** The one envelope of every learnscale event (DESIGN: Events). */
record EventEnvelope<T>(String id, String type, int version, Instant occurredAt, T data) {}
