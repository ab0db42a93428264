package io.learnscale.quiz.quiz;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The two cache levels in front of PostgreSQL.
 *
 * @param ttl how long Redis keeps a quiz (or the list, or an eviction marker)
 * @param localTtl how long this instance trusts its own copy before asking Redis again: the bound on how stale
 *     another instance's change can look here
 * @param localMaxStale how long this instance keeps its copy as a last resort, used only when Redis and PostgreSQL
 *     both fail
 * @param retryEvictionsEvery how often evictions that Redis missed (it was down) are sent again
 */
@ConfigurationProperties("learnscale.quiz-cache")
record QuizCacheProperties(Duration ttl, Duration localTtl, Duration localMaxStale, Duration retryEvictionsEvery) {}
