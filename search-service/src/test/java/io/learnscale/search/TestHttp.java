package io.learnscale.search;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Plain HTTP to an instance, every status answered (no exception for a 4xx or 5xx). */
public final class TestHttp {

    private final String base;
    private final RestClient client;

    public TestHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = RestClient.builder()
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build();
    }

    public ResponseEntity<String> get(String path) {
        return client.get().uri(URI.create(base + path)).retrieve().toEntity(String.class);
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
        return client.post().uri(URI.create(base + path)).retrieve().toEntity(String.class);
    }
}
