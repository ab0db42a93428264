/**
 * Resilience4j per downstream service (DESIGN: Topology): a circuit breaker and a time limiter named after the
 * service ({@code content-service}, {@code quiz-service}, {@code search-service}), configured under
 * {@code resilience4j.circuitbreaker} and {@code resilience4j.timelimiter}, exported to Micrometer. An open circuit
 * answers 503 problem+json with Retry-After, a call over its time 504 problem+json; never a made-up success.
 */
package io.learnscale.gateway.resilience;
