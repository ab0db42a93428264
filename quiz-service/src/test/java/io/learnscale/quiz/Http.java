package io.learnscale.quiz;

import io.learnscale.testsupport.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * A plain HTTP client for a running quiz-service: every status is returned, none is thrown. Anonymous, or with
 * {@link #as} / {@link #withToken} every request carries {@code Authorization: Bearer <token>}.
 */
public final class Http {

    private final int port;
    private final String authorization;
    private final RestClient client;

    public Http(int port) {
        this(port, null);
    }

    private Http(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
        this.client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    /** Signed in as this user with these roles ({@code user}, {@code author}, {@code admin}): a fresh valid token. */
    public Http as(String user, String... roles) {
        return withToken(TestTokens.valid(user, roles));
    }

    /** Sends this token, valid or not. */
    public Http withToken(String token) {
        return new Http(port, "Bearer " + token);
    }

    public ResponseEntity<String> get(String path) {
        return client.get().uri(path).headers(this::authorize).retrieve().toEntity(String.class);
    }

    /** Headers come as name, value pairs. */
    public ResponseEntity<String> post(String path, String json, String... headers) {
        return client.post()
                .uri(path)
                .headers(h -> {
                    authorize(h);
                    for (int i = 0; i < headers.length; i += 2) {
                        h.add(headers[i], headers[i + 1]);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(String.class);
    }

    public ResponseEntity<String> put(String path, String json) {
        return client.put()
                .uri(path)
                .headers(this::authorize)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(String.class);
    }

    public ResponseEntity<String> delete(String path) {
        return client.delete().uri(path).headers(this::authorize).retrieve().toEntity(String.class);
    }

    private void authorize(HttpHeaders headers) {
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
    }
}
