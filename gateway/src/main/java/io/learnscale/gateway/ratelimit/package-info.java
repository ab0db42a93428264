/**
 * Rate limiting at the edge (DESIGN: Topology): Spring Cloud Gateway's {@code RequestRateLimiter} filter on every
 * route with its Redis token bucket (the stock Lua script's, handing out leases: {@link TokenLeases}), so the budget
 * is shared by every gateway instance.
 * A client is its token's subject, or its address when it sends none; reads (GET, HEAD) and writes have separate
 * budgets ({@code learnscale.rate-limit.reads.*}, {@code .writes.*}). Over budget: 429 problem+json with
 * Retry-After and the {@code X-RateLimit-*} headers. Redis unreachable: every request is let through (fail open),
 * counted in {@code gateway_rate_limiter_fail_open_total} and reported in the log at most once a minute.
 */
package io.learnscale.gateway.ratelimit;
