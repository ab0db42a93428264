package io.learnscale.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.quiz.redis.RedisGuard;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the dashboard and Prometheus read, on the management port only. */
@QuizServiceIntegrationTest
class MetricsTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void cacheAttemptAndBreakerMetricsAreExported() {
        Http http = new Http(port).as("ada", "user");
        http.get("/api/quizzes/scaling-techniques");
        http.post("/api/quizzes/scaling-techniques/attempts", AttemptIntegrationTests.ALL_RIGHT);

        String metrics = new Http(managementPort).get("/actuator/prometheus").getBody();

        assertThat(metrics)
                .contains("cache_gets_total{cache=\"quizzes\"")
                .contains("quiz_attempts_total{")
                .contains("outcome=\"recorded\"")
                .contains("quiz_attempts_publish_seconds_bucket{")
                .contains("quiz_cache_pending_evictions")
                .contains("resilience4j_circuitbreaker_state{")
                .contains("name=\"redis\"")
                .contains("instance=\"quiz-service-1\"");
    }

    @Test
    void theRedisBreakerIsConfiguredFromApplicationYml() {
        CircuitBreakerConfig config =
                breakers.circuitBreaker(RedisGuard.BREAKER).getCircuitBreakerConfig();

        assertThat(config.getSlidingWindowSize()).isEqualTo(10);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
        assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000L);
    }

    @Test
    void theApiPortServesNoActuator() {
        assertThat(new Http(port).get("/actuator/prometheus").getStatusCode().value())
                .isEqualTo(404);
    }
}
