package io.learnscale.search;

import io.learnscale.testsupport.TestTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Plain HTTP to an instance, every status answered (no exception for a 4xx or 5xx). Anonymous, or with {@link #as} /
 * {@link #withToken} every request carries {@code Authorization: Bearer <token>}.
 */
public final class TestHttp {

    private final int port;
    private final String base;
    private final String authorization;
    private final RestClient client;

    public TestHttp(int port) {
        this(port, null);
    }

    private TestHttp(int port, String authorization) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
        this.client = RestClient.builder()
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build();
    }

    /** Signed in as this user with these roles ({@code user}, {@code author}, {@code admin}): a fresh valid token. */
    public TestHttp as(String user, String... roles) {
        return withToken(TestTokens.valid(user, roles));
    }

    /** Sends this token, valid or not. */
    public TestHttp withToken(String token) {
        return new TestHttp(port, "Bearer " + token);
    }

    public ResponseEntity<String> get(String path) {
        return client.get()
                .uri(URI.create(base + path))
                .headers(this::authorize)
                .retrieve()
                .toEntity(String.class);
    }

    /** GET with query parameters (name, value, name, value...) encoded whatever characters they hold. */
    public ResponseEntity<String> get(String path, String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return get(path + query);
    }

    public ResponseEntity<String> post(String path) {
        return client.post()
                .uri(URI.create(base + path))
                .headers(this::authorize)
                .retrieve()
                .toEntity(String.class);
    }

    private void authorize(HttpHeaders headers) {
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
    }
}
