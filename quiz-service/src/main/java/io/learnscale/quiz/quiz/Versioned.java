package io.learnscale.quiz.quiz;

/** A value and the catalog version it was read at (V3__catalog_versions.sql). */
record Versioned<T>(T value, long version) {}
