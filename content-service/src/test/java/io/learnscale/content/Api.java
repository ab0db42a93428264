package io.learnscale.content;

import io.learnscale.testsupport.TestTokens;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Plain HTTP against a running content-service, never throwing on an error status. Anonymous, or with {@link #as} /
 * {@link #withToken} every request, {@link #http}'s included, carries {@code Authorization: Bearer <token>}.
 */
final class Api {

    final RestClient http;
    private final int port;
    private final String base;

    Api(int port) {
        this(port, null);
    }

    private Api(int port, String token) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        RestClient.Builder builder =
                RestClient.builder().defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {});
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        this.http = builder.build();
    }

    /** Signed in as this user with these roles ({@code user}, {@code author}, {@code admin}): a fresh valid token. */
    Api as(String user, String... roles) {
        return withToken(TestTokens.valid(user, roles));
    }

    /** Sends this token, valid or not. */
    Api withToken(String token) {
        return new Api(port, token);
    }

    /** An author, who may write topics. */
    static Api author(int port) {
        return new Api(port).as("author-1", "author");
    }

    String url(String path) {
        return base + path;
    }

    ResponseEntity<String> get(String path) {
        return http.get().uri(url(path)).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> post(String path, String json) {
        return http.post()
                .uri(url(path))
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(String.class);
    }

    /** Creates a topic in section python-in-practice and returns its slug; the caller must be an author. */
    String createTopic(String title) {
        String slug = uniqueSlug();
        ResponseEntity<String> created = post("/api/topics", topicJson(slug, "python-in-practice", title));
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("Could not create a topic: " + created);
        }
        return slug;
    }

    static String uniqueSlug() {
        return "test-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String topicJson(String slug, String section, String title) {
        return """
                {"slug": "%s", "section": "%s", "title": "%s",
                 "body": "Some **Markdown**\\n\\n```python\\n# a comment, not a heading\\nprint(1)\\n```",
                 "tags": ["test-topic"]}""".formatted(slug, section, title);
    }
}
