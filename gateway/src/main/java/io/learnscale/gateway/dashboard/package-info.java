/**
 * The live dashboard (DESIGN: Watching it): a page at {@code /dashboard} and its one public, read-only feed at
 * {@code /dashboard/feed}, server-sent events that carry, every second, what the instances' management endpoints
 * say: requests per instance, latency percentiles, errors and 429s, cache hit ratio, consumer lag per partition and
 * its owner, circuit breaker states, and which instances are ready. Every instance is scraped once per period for
 * all viewers together, and only while someone watches.
 */
package io.learnscale.gateway.dashboard;
