package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.learnscale.gateway.TestInstances.Entry;
import io.learnscale.testsupport.RealInfrastructure;
import io.learnscale.testsupport.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests Netty's HTTP decoder refuses (a request line over 4 KB, a header block over 8 KB, a request that is not
 * HTTP) get problem+json like every other gateway error, shaped like its 413, with the request id, and the
 * connection is closed. Raw sockets: an HTTP client would not send most of these.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "learnscale.instance-id=gateway-14"})
@RealInfrastructure
@DirtiesContext
class EdgeConnectionIntegrationTests {

    @RegisterExtension
    static final TestUpstream content = TestUpstream.start("content-service-1");

    @RegisterExtension
    static final TestInstances instances = TestInstances.of(List.of(Entry.of("content-service", content)));

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        instances.register(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void contentIsReady() {
        content.forget();
        instances.awaitReady(managementPort, Duration.ofSeconds(10));
    }

    @Test
    void aRequestLineOver4KbIsA414Problem() throws IOException {
        Answer answer = exchange("GET /api/topics?q=" + "x".repeat(5 * 1024) + " HTTP/1.1\r\nHost: gateway\r\n\r\n");

        assertThat(answer.status()).isEqualTo(414);
        assertProblem(answer, "urn:learnscale:problem:uri-too-long", "4 KB");
        // the path is beyond what was read: no instance
        assertThat(JsonPath.<Map<String, Object>>read(answer.body(), "$")).doesNotContainKey("instance");
        assertThat(content.allReceived()).isEmpty();
    }

    @Test
    void aHeaderBlockOver8KbIsA431ProblemThatKeepsTheCallersRequestId() throws IOException {
        // the decoder keeps the header lines it finished before the one that crossed the limit
        Answer answer = exchange("GET /api/topics/big-headers HTTP/1.1\r\nX-Request-Id: big-headers-1\r\n"
                + "Host: gateway\r\n"
                + "X-Filler: " + "y".repeat(9 * 1024) + "\r\n\r\n");

        assertThat(answer.status()).isEqualTo(431);
        assertProblem(answer, "urn:learnscale:problem:header-fields-too-large", "8 KB");
        assertThat(answer.headers().get("x-request-id")).isEqualTo("big-headers-1");
        assertThat(JsonPath.<String>read(answer.body(), "$.instance")).isEqualTo("/api/topics/big-headers");
        assertThat(content.received("/api/topics/big-headers")).isEmpty();
    }

    @Test
    void aGarbledRequestLineIsA400Problem() throws IOException {
        Answer answer = exchange("GET /api/topics NOT-HTTP\r\nHost: gateway\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertProblem(answer, "urn:learnscale:problem:bad-request", "not valid HTTP");
    }

    @Test
    void anInvalidHeaderIsA400Problem() throws IOException {
        Answer answer = exchange("GET /api/topics/bad-header HTTP/1.1\r\nX-Request-Id: bad-header-1\r\n"
                + "Host: gateway\r\nBad Name: x\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertProblem(answer, "urn:learnscale:problem:bad-request", "not valid HTTP");
        assertThat(JsonPath.<String>read(answer.body(), "$.instance")).isEqualTo("/api/topics/bad-header");
        assertThat(answer.headers().get("x-request-id")).isEqualTo("bad-header-1");
    }

    @Test
    void anUnreadableContentLengthIsA400Problem() throws IOException {
        Answer answer = exchange("POST /api/topics HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                + "Content-Length: ten\r\n\r\n{}");

        assertThat(answer.status()).isEqualTo(400);
        assertProblem(answer, "urn:learnscale:problem:bad-request", "not valid HTTP");
        assertThat(content.received("/api/topics")).isEmpty();
    }

    @Test
    void aMalformedChunkedBodyIsA400Problem() throws IOException {
        Answer answer = exchange("PUT /api/topics/bad-chunk HTTP/1.1\r\nHost: gateway\r\n"
                + "Authorization: Bearer " + TestTokens.valid("undecodable", "author") + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}\r\nZZ\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertProblem(answer, "urn:learnscale:problem:bad-request", "not valid HTTP");
        assertThat(JsonPath.<String>read(answer.body(), "$.instance")).isEqualTo("/api/topics/bad-chunk");
    }

    /** The same members as the gateway's other problems: compared with a body refused by its length. */
    @Test
    void theseProblemsHaveTheMembersOfTheGatewaysOtherProblems() throws IOException {
        Answer tooLarge = exchange("PUT /api/topics/too-large HTTP/1.1\r\nHost: gateway\r\n"
                + "Authorization: Bearer " + TestTokens.valid("undecodable", "author") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
        Answer badHeader = exchange("GET /api/topics/members HTTP/1.1\r\nHost: gateway\r\nBad Name: x\r\n\r\n");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(JsonPath.<Map<String, Object>>read(badHeader.body(), "$").keySet())
                .containsExactlyElementsOf(
                        JsonPath.<Map<String, Object>>read(tooLarge.body(), "$").keySet());
        Set<String> shared = Set.of(
                "content-type",
                "connection",
                "x-request-id",
                "x-content-type-options",
                "x-frame-options",
                "referrer-policy",
                "content-security-policy");
        assertThat(tooLarge.headers()).containsKeys(shared.toArray(String[]::new));
        assertThat(badHeader.headers()).containsKeys(shared.toArray(String[]::new));
        shared.stream()
                .filter(name -> !name.equals("x-request-id"))
                .forEach(name -> assertThat(badHeader.headers().get(name))
                        .as(name)
                        .isEqualTo(tooLarge.headers().get(name)));
    }

    @Test
    void theGatewayKeepsAnsweringOnNewConnections() throws IOException {
        exchange("GET /" + "z".repeat(6000) + " HTTP/1.1\r\nHost: gateway\r\n\r\n");

        Answer next = exchange("GET /api/topics/after-refusal HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n");

        assertThat(next.status()).isEqualTo(200);
        assertThat(content.received("/api/topics/after-refusal")).isPresent();
    }

    /**
     * The gateway refuses a body by its length before reading it and closes the connection; a client that keeps
     * sending the body must still get the answer, not a reset connection.
     */
    @Test
    void aClientThatSendsAWholeRefusedBodyStillGetsThe413() throws IOException {
        int length = 4 * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            send(
                    socket,
                    "PUT /api/topics/whole-body HTTP/1.1\r\nHost: gateway\r\n"
                            + "Authorization: Bearer " + TestTokens.valid("undecodable", "author") + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            OutputStream out = socket.getOutputStream();
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();

            Answer answer = answer(socket.getInputStream(), true);

            assertThat(answer.status()).isEqualTo(413);
            assertProblem(answer, "urn:learnscale:problem:payload-too-large", "256 KB");
        }
        assertThat(content.received("/api/topics/whole-body")).isEmpty();
    }

    /**
     * A request that arrives while the one before it is still being answered waits in Reactor Netty's queue; when
     * that one is answered at once (here a 405) and only its end-of-body is left in the queue, Reactor Netty 1.3.6
     * stops reading the connection (reactor-netty#4361): the next request went unread until the client gave up.
     */
    @Test
    void aKeepAliveConnectionIsStillReadAfterAQueuedRequestIsAnsweredAtOnce() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            for (int round = 0; round < 3; round++) {
                // sent together: the TRACE arrives while the GET is still being proxied
                send(
                        socket,
                        "GET /api/topics/first-" + round + " HTTP/1.1\r\nHost: gateway\r\n\r\n"
                                + "TRACE /api/topics/second-" + round + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
                assertThat(answer(socket.getInputStream(), false).status()).isEqualTo(200);
                assertThat(answer(socket.getInputStream(), false).status()).isEqualTo(405);

                send(socket, "GET /api/topics/third-" + round + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
                assertThat(answer(socket.getInputStream(), false).status())
                        .as("the request after them, round %d", round)
                        .isEqualTo(200);
            }
        }
    }

    private static void assertProblem(Answer answer, String type, String detailContains) {
        assertThat(answer.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(answer.headers().get("connection")).isEqualTo("close");
        assertThat(answer.closed()).as("connection closed after the answer").isTrue();
        String requestId = answer.headers().get("x-request-id");
        assertThat(requestId).isNotBlank();
        assertThat(JsonPath.<String>read(answer.body(), "$.type")).isEqualTo(type);
        assertThat(JsonPath.<Integer>read(answer.body(), "$.status")).isEqualTo(answer.status());
        assertThat(JsonPath.<String>read(answer.body(), "$.title")).isNotBlank();
        assertThat(JsonPath.<String>read(answer.body(), "$.detail")).contains(detailContains);
        assertThat(JsonPath.<String>read(answer.body(), "$.requestId")).isEqualTo(requestId);
    }

    /** What came back on one connection: the first response, and whether the server closed it afterwards. */
    record Answer(int status, Map<String, String> headers, String body, boolean closed) {}

    private Answer exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            send(socket, request);
            return answer(socket.getInputStream(), true);
        }
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next response on the connection; then, when asked, whether the server closed it. */
    private static Answer answer(InputStream in, boolean waitForClose) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        boolean closed = false;
        if (waitForClose) {
            try {
                closed = in.read() == -1;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body, closed);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-response: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
