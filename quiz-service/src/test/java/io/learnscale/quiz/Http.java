package io.learnscale.quiz;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A plain HTTP client for a running quiz-service: every status is returned, none is thrown. */
public final class Http {

    private final RestClient client;

    public Http(int port) {
        this.client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    public ResponseEntity<String> get(String path) {
        return client.get().uri(path).retrieve().toEntity(String.class);
    }

    /** Headers come as name, value pairs. */
    public ResponseEntity<String> post(String path, String json, String... headers) {
        return client.post()
                .uri(path)
                .headers(h -> {
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
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(String.class);
    }

    public ResponseEntity<String> delete(String path) {
        return client.delete().uri(path).retrieve().toEntity(String.class);
    }
}
