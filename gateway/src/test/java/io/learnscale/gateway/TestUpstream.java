package io.learnscale.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on a free loopback port standing in for a service instance: it records what reached it and
 * answers like a learnscale service does ({@code X-Served-By} with its instance id, the request id echoed). A
 * second server on another port stands in for its management port: {@code /actuator/health/readiness} answers 200
 * {@code UP}, or 503 {@code OUT_OF_SERVICE} after {@link #ready(boolean) ready(false)}; {@code /actuator/prometheus}
 * counts the requests that reached it, as the dashboard's feed reads them.
 *
 * <ul>
 *   <li>a path ending in {@code /slow} answers only when {@link #releaseSlowResponses()} is called (or after
 *       10 s);
 *   <li>a path ending in {@code /broken} answers 503 problem+json with {@code Retry-After: 7};
 *   <li>a path ending in {@code /hangup} closes the connection without answering, like a killed process;
 *   <li>a path ending in {@code /missing} answers 404 problem+json;
 *   <li>a path ending in {@code /large} answers 200 with {@link #LARGE_BODY}, over 64 KB, with its length;
 *   <li>a path ending in {@code /streamed} answers 200 with {@link #STREAMED_BODY} in chunks, its length unsaid;
 *   <li>anything else answers 200 with a small JSON body, after {@link #delay(Duration)} if one is set.
 * </ul>
 *
 * {@link #behave(Behaviour)} makes every request hang up or answer 503, whatever its path. Registered with
 * {@code @RegisterExtension}, it stops after the test class.
 */
final class TestUpstream implements AfterAllCallback {

    static final String SERVED_BY = "content-service-3";
    static final String BROKEN_BODY = """
            {"type":"urn:learnscale:problem:unavailable","title":"Service Unavailable","status":503,\
            "detail":"PostgreSQL is down.","instance":"/api/topics/broken","requestId":"from-the-service"}""";
    static final String MISSING_BODY = """
            {"type":"urn:learnscale:problem:not-found","title":"Not Found","status":404,"detail":"No such thing."}""";

    static final String LARGE_BODY = "{\"items\":\"" + "abcdefghijklmnopqrstuvwxyz".repeat(4000) + "\"}";
    static final String STREAMED_BODY = "{\"first\":\"part\",\"second\":\"part\"}";

    /** What reached the upstream. */
    record Received(
            String method,
            String pathAndQuery,
            String requestId,
            String idempotencyKey,
            String body,
            String authorization,
            String traceParent) {}

    /** How it answers every request, whatever the path. */
    enum Behaviour {
        /** As the path says (see the class comment). */
        NORMAL,
        /** Reads the request, then closes the connection without a word: killed while handling it. */
        HANG_UP,
        /** 503 problem+json with {@code Retry-After: 7}, like a service whose database is down. */
        UNAVAILABLE
    }

    private final String servedBy;
    private final HttpServer server;
    private final HttpServer management;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger scrapes = new AtomicInteger();
    private volatile boolean ready = true;
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile Duration delay = Duration.ZERO;

    private TestUpstream(String servedBy, HttpServer server, HttpServer management) {
        this.servedBy = servedBy;
        this.server = server;
        this.management = management;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        management.createContext("/", this::handleManagement);
        management.setExecutor(executor);
        management.start();
    }

    /** An instance that says it is {@link #SERVED_BY}. */
    static TestUpstream start() {
        return start(SERVED_BY);
    }

    static TestUpstream start(String servedBy) {
        try {
            return new TestUpstream(servedBy, loopbackServer(), loopbackServer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpServer loopbackServer() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    String servedBy() {
        return servedBy;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String managementUrl() {
        return "http://127.0.0.1:" + management.getAddress().getPort();
    }

    /** What its readiness probe answers from now on: 200 UP, or 503 OUT_OF_SERVICE. */
    void ready(boolean ready) {
        this.ready = ready;
    }

    /** How it answers every request from now on. */
    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** How long every normal answer takes from now on: an instance that is slower than its peers. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Forgets what reached it so far. */
    void forget() {
        received.clear();
    }

    /** Whether the request with this {@code X-Request-Id} reached it. */
    boolean reached(String requestId) {
        return received.stream().anyMatch(request -> requestId.equals(request.requestId()));
    }

    Optional<Received> received(String pathAndQuery) {
        return received.stream()
                .filter(request -> request.pathAndQuery().equals(pathAndQuery))
                .findFirst();
    }

    List<Received> allReceived() {
        return List.copyOf(received);
    }

    void releaseSlowResponses() {
        slowRelease.countDown();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    void stop() {
        stopped.countDown();
        releaseSlowResponses();
        server.stop(0);
        management.stop(0);
        executor.shutdownNow();
    }

    /** A loopback port nothing listens on: the address of a service that is down. */
    static String closedAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    query == null ? path : path + "?" + query,
                    requestId,
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("traceparent")));
            exchange.getResponseHeaders().set("X-Served-By", servedBy);
            if (requestId != null) {
                exchange.getResponseHeaders().set("X-Request-Id", requestId);
            }
            Behaviour now = behaviour;
            if (path.endsWith("/hangup") || now == Behaviour.HANG_UP) {
                return; // closing the exchange before any response closes the connection
            }
            if (path.endsWith("/broken") || now == Behaviour.UNAVAILABLE) {
                exchange.getResponseHeaders().set("Retry-After", "7");
                respond(exchange, 503, "application/problem+json", BROKEN_BODY);
            } else if (path.endsWith("/missing")) {
                respond(exchange, 404, "application/problem+json", MISSING_BODY);
            } else if (path.endsWith("/large")) {
                respond(exchange, 200, "application/json", LARGE_BODY);
            } else if (path.endsWith("/streamed")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0); // chunked
                int half = STREAMED_BODY.length() / 2;
                exchange.getResponseBody()
                        .write(STREAMED_BODY.substring(0, half).getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                pause(Duration.ofMillis(50));
                exchange.getResponseBody().write(STREAMED_BODY.substring(half).getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/slow")) {
                awaitRelease();
                respond(exchange, 200, "application/json", "{\"late\":true}");
            } else {
                pause(delay);
                respond(exchange, 200, "application/json", "{\"path\":\"" + path + "\"}");
            }
        }
    }

    private void handleManagement(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/actuator/prometheus")) {
                scrapes.incrementAndGet();
                respond(exchange, 200, "text/plain;version=0.0.4;charset=utf-8", metrics());
            } else if (!path.equals("/actuator/health/readiness")) {
                respond(exchange, 404, "application/json", "{}");
            } else if (ready) {
                respond(exchange, 200, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"UP\"}");
            } else {
                respond(
                        exchange,
                        503,
                        "application/vnd.spring-boot.actuator.v3+json",
                        "{\"status\":\"OUT_OF_SERVICE\"}");
            }
        }
    }

    /** What its Prometheus endpoint says: every request that reached it, answered 200 within 5 ms. */
    private String metrics() {
        return """
                http_server_requests_seconds_count{instance="%1$s",status="200",uri="/api/topics"} %2$d
                http_server_requests_seconds_bucket{instance="%1$s",le="0.005",status="200",uri="/api/topics"} %2$d
                http_server_requests_seconds_bucket{instance="%1$s",le="+Inf",status="200",uri="/api/topics"} %2$d
                """.formatted(servedBy, received.size());
    }

    /** How often its {@code /actuator/prometheus} was read. */
    int scrapes() {
        return scrapes.get();
    }

    private void pause(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRelease() {
        try {
            slowRelease.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // like a real service: the GET's headers, no body
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
