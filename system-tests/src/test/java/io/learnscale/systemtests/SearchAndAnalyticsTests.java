package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** search-service across the system: every instance follows content-service (a killed instance: {@link FaultTests}). */
@Order(60)
class SearchAndAnalyticsTests {

    private final Stack stack = SystemStack.get();

    @Test
    void everySearchInstanceFollowsACreateAnUpdateAndADelete() {
        stack.scale(Service.SEARCH, 2);
        String author = Tokens.bearer("author-1", "author");
        String slug = "zebra-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = Http.postJson(stack.gatewayUrl() + "/api/topics", """
                {"slug": "%s", "section": "apis", "title": "Zebra crossings", "body": "Quagga stripes."}""".formatted(slug), author);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitOnEverySearchInstance("zebra", slug, true);

        HttpResponse<String> patched =
                Http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/topics/" + slug))
                        .header("Authorization", author)
                        .header("If-Match", "*")
                        .header("Content-Type", "application/merge-patch+json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"Okapi paths\"}")));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        awaitOnEverySearchInstance("okapi", slug, true);
        awaitOnEverySearchInstance("zebra", slug, false);

        HttpResponse<String> deleted =
                Http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/topics/" + slug))
                        .header("Authorization", author)
                        .DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        awaitOnEverySearchInstance("okapi", slug, false);
    }

    private void awaitOnEverySearchInstance(String words, String slug, boolean present) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (AppInstance instance : stack.instances(Service.SEARCH)) {
                String body =
                        Http.get(instance.url() + "/api/search?q=" + words).body();
                List<String> slugs = JsonPath.read(body, "$.hits[*].slug");
                if (present) {
                    assertThat(slugs).as(instance.id()).contains(slug);
                } else {
                    assertThat(slugs).as(instance.id()).doesNotContain(slug);
                }
            }
        });
    }
}
