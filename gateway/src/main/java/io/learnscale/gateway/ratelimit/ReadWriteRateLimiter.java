package io.learnscale.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter}, the same token bucket (its arithmetic, run atomically in Redis,
 * its keys and {@code X-RateLimit-*} headers), with two budgets per client instead of one per route: the key the
 * {@link ClientKeyResolver} makes says whose bucket and which of the two, so a client's budget is the same on every
 * route and every gateway instance. Unlike the stock limiter it takes tokens for a busy client's next requests too
 * ({@link TokenLeases}, the script {@code ratelimit/token-lease.lua}), and it reports a Redis outage through
 * {@link FailOpen} (a counter and a rate-limited log line, not an ERROR with a stack trace per request) and sends
 * no budget headers while it cannot know the budget.
 *
 * <p>Cost per request: one {@code EVALSHA} round trip to Redis and a hop back to the request's event loop, or, while
 * this instance holds tokens of the client's, neither.
 */
final class ReadWriteRateLimiter extends RedisRateLimiter {

    static final String DENIED_METER = "gateway.rate.limiter.denied";

    private static final Mono<Response> UNLIMITED = Mono.just(new Response(true, Map.of()));

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final boolean enabled;
    private final Config[] budgets = new Config[RequestKind.values().length];
    private final int[] leaseSizes = new int[RequestKind.values().length];
    private final TokenLeases leases;
    private final List<List<String>> arguments = new ArrayList<>();
    private final Counter[] denied = new Counter[RequestKind.values().length];
    private final FailOpen failOpen;

    ReadWriteRateLimiter(
            ReactiveStringRedisTemplate redis,
            RedisScript<List<Long>> script,
            ConfigurationService configurationService,
            RateLimitProperties properties,
            MeterRegistry meters) {
        this(redis, script, configurationService, properties, meters, System::nanoTime);
    }

    /** {@code nanoClock} times the leases; the buckets go by Redis's own clock. */
    ReadWriteRateLimiter(
            ReactiveStringRedisTemplate redis,
            RedisScript<List<Long>> script,
            ConfigurationService configurationService,
            RateLimitProperties properties,
            MeterRegistry meters,
            LongSupplier nanoClock) {
        super(redis, script, configurationService);
        this.redis = redis;
        this.script = script;
        this.enabled = properties.enabled();
        this.failOpen = new FailOpen(properties.failOpenFor(), properties.failOpenLogInterval(), meters);
        this.leases = new TokenLeases(properties.leaseFor(), nanoClock);
        for (RequestKind kind : RequestKind.values()) {
            RateLimitProperties.Budget budget = properties.budget(kind);
            Config config = new Config()
                    .setReplenishRate(budget.replenishRate())
                    .setBurstCapacity(budget.burstCapacity())
                    .setRequestedTokens(budget.requestedTokens());
            budgets[kind.ordinal()] = config;
            leaseSizes[kind.ordinal()] = properties.leaseSize(kind);
            // the script's arguments: rate, capacity, now (empty: Redis's own clock), requested, lease
            arguments.add(List.of(
                    Integer.toString(config.getReplenishRate()),
                    Long.toString(config.getBurstCapacity()),
                    "",
                    Integer.toString(config.getRequestedTokens()),
                    Integer.toString(leaseSizes[kind.ordinal()])));
            denied[kind.ordinal()] = Counter.builder(DENIED_METER)
                    .description("Requests refused with 429 because the client's budget was spent")
                    .tag("kind", kind.label())
                    .register(meters);
        }
    }

    /**
     * @param routeId ignored: the budget is the client's, not the route's
     * @param key from {@link ClientKeyResolver}
     */
    @Override
    public Mono<Response> isAllowed(String routeId, String key) {
        if (!enabled) {
            return UNLIMITED;
        }
        RequestKind kind = RequestKind.ofKey(key);
        if (failOpen.skipping()) {
            failOpen.skipped(kind);
            return UNLIMITED;
        }
        Config budget = budgets[kind.ordinal()];
        int requested = budget.getRequestedTokens();
        if (leaseSizes[kind.ordinal()] > requested) {
            long left = leases.take(key, requested);
            if (left != TokenLeases.NONE) {
                return Mono.just(new Response(true, getHeaders(budget, left)));
            }
        }
        // hash tags: both keys of a bucket in the same Redis Cluster slot, as the stock limiter does
        String prefix = "request_rate_limiter.{" + key + "}.";
        List<String> keys = List.of(prefix + "tokens", prefix + "timestamp");
        // the request goes on on its own event loop: the Redis client's threads only read replies, instead of
        // running the rest of every request's filters and handing its write to the service over to a gateway loop
        EventExecutor requestLoop = ThreadExecutorMap.currentExecutor();
        Mono<Response> verdict = Flux.defer(() -> redis.execute(script, keys, arguments.get(kind.ordinal())))
                .reduceWith(() -> new ArrayList<Long>(2), (all, some) -> {
                    all.addAll(some);
                    return all;
                })
                .map(result -> verdict(kind, key, budget, result))
                .onErrorResume(error -> {
                    failOpen.failed(kind, error);
                    return UNLIMITED;
                });
        return requestLoop != null ? verdict.publishOn(Schedulers.fromExecutor(requestLoop)) : verdict;
    }

    /** @param result tokens handed out (0: refused) and tokens left in the bucket, as the script answers */
    private Response verdict(RequestKind kind, String key, Config budget, List<Long> result) {
        if (result.size() < 2) {
            throw new IllegalStateException("The rate limiter script answered " + result);
        }
        failOpen.succeeded();
        long spare = result.get(0) - budget.getRequestedTokens();
        long leftInBucket = result.get(1);
        if (spare < 0) {
            denied[kind.ordinal()].increment();
            return new Response(false, getHeaders(budget, leftInBucket));
        }
        if (spare > 0) {
            leases.hold(key, spare, leftInBucket);
        }
        return new Response(true, getHeaders(budget, leftInBucket + spare));
    }
}
