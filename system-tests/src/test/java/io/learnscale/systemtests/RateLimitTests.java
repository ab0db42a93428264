package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.Service;
import io.learnscale.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The shared rate limit at the gateway, and the services' own door. */
@Order(50)
class RateLimitTests {

    private final Stack stack = SystemStack.get();

    @Test
    void aClientOverItsBudgetGets429WhileAnotherClientIsServed() {
        String hammer = Tokens.bearer("hammer", "user");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 80 && limited == null; i++) {
            HttpResponse<String> response = attempt(hammer);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 80 quick writes").isNotNull();
        EdgeTests.assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");

        // another client has its own budget: the service answers it (400: the body is deliberately empty)
        assertThat(attempt(Tokens.bearer("bystander", "user")).statusCode()).isEqualTo(400);
    }

    @Test
    void aServiceCalledDirectlyRefusesAForgedToken() {
        for (Service service : new Service[] {Service.CONTENT, Service.QUIZ, Service.SEARCH}) {
            String url = stack.instances(service).getFirst().url();
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url + "/api/quizzes"))
                    .header("Authorization", "Bearer " + TestTokens.forged("mallory", "admin")));
            assertThat(response.statusCode()).as(service.serviceName()).isEqualTo(401);
        }
    }

    private HttpResponse<String> attempt(String authorization) {
        return Http.postJson(stack.gatewayUrl() + "/api/quizzes/scaling-techniques/attempts", "{}", authorization);
    }
}
