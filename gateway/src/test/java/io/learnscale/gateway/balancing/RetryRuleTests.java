package io.learnscale.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class RetryRuleTests {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD"})
    void readsWithoutABodyMayBeSentAgain(String method) {
        assertThat(RetryRule.of(MockServerHttpRequest.method(HttpMethod.valueOf(method), "/api/topics/x")
                        .build()))
                .isEqualTo(RetryRule.WITHOUT_BODY);
    }

    @Test
    void aReadWithABodyIsSentOnce() {
        assertThat(RetryRule.of(MockServerHttpRequest.get("/api/search")
                        .header("Content-Length", "12")
                        .build()))
                .isEqualTo(RetryRule.NEVER);
    }

    @Test
    void anAttemptWithAnIdempotencyKeyMayBeSentAgainWithItsBody() {
        assertThat(RetryRule.of(MockServerHttpRequest.post("/api/quizzes/q-7/attempts")
                        .header("Idempotency-Key", "k-1")
                        .build()))
                .isEqualTo(RetryRule.WITH_BODY);
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /api/quizzes/q-7/attempts, ''",
        "POST, /api/quizzes/q-7/attempts, '   '",
        "POST, /api/quizzes, k-1",
        "POST, /api/quizzes/q-7, k-1",
        "POST, /api/quizzes//attempts, k-1",
        "POST, /api/quizzes/q-7/x/attempts, k-1",
        "POST, /api/quizzes/q-7/attempts/1, k-1",
        "PUT, /api/quizzes/q-7/attempts, k-1",
        "POST, /api/topics, k-1",
        "PUT, /api/topics/x, k-1",
        "PATCH, /api/topics/x, k-1",
        "DELETE, /api/topics/x, k-1",
        "OPTIONS, /api/topics/x, k-1"
    })
    void everyOtherRequestIsSentOnce(String method, String path, String key) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path);
        if (!key.isEmpty()) {
            request.header("Idempotency-Key", key);
        }
        assertThat(RetryRule.of(request.build())).isEqualTo(RetryRule.NEVER);
    }

    @Test
    void anAttemptIsNotRecognisedWithoutItsKey() {
        assertThat(RetryRule.of(
                        MockServerHttpRequest.post("/api/quizzes/q-7/attempts").build()))
                .isEqualTo(RetryRule.NEVER);
    }
}
