package io.learnscale.baregateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The floor edge-cost.sh measures against must be a working route: /api/** reaches the backend, nothing else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BareGatewayTests {

    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final HttpServer backend = startBackend();

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void backendUrl(DynamicPropertyRegistry registry) {
        registry.add(
                "BACKEND_URL", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    @Test
    void anApiRequestReachesTheBackendAndItsAnswerComesBack() {
        client.get()
                .uri("/api/topics/horizontal-scaling?x=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Served-By", "backend-1")
                .expectBody(String.class)
                .isEqualTo("{\"slug\":\"horizontal-scaling\"}");
        assertThat(received).contains("/api/topics/horizontal-scaling?x=1");
    }

    @Test
    void aPathOutsideTheRouteIsNotForwarded() {
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        assertThat(received).noneMatch(path -> path.startsWith("/actuator"));
    }

    private static HttpServer startBackend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                received.add(exchange.getRequestURI().toString());
                byte[] body = "{\"slug\":\"horizontal-scaling\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Served-By", "backend-1");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
