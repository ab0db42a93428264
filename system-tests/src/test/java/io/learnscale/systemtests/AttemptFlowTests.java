package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** An attempt posted through the gateway is graded, goes through Kafka and shows up in the analytics. */
@Order(20)
class AttemptFlowTests {

    private final Stack stack = SystemStack.get();

    @Test
    void anAttemptReachesTheAnalytics() {
        String analytics = stack.gatewayUrl() + "/api/analytics/quizzes/scaling-techniques";
        int before = JsonPath.read(Http.get(analytics).body(), "$.attempts");

        var response = Http.postJson(stack.gatewayUrl() + "/api/quizzes/scaling-techniques/attempts", """
                {"answers": {"q1": ["a"], "q2": ["a", "b", "d"], "q3": ["b"], "q4": ["a", "b", "d"], "q5": ["c"]}}""");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(response.body(), "$.score")).isEqualTo(5);
        assertThat(Http.servedBy(response)).startsWith("quiz-service-");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                JsonPath.<Integer>read(Http.get(analytics).body(), "$.attempts"))
                        .isEqualTo(before + 1));
    }
}
