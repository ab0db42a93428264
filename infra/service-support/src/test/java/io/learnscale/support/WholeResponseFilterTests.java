package io.learnscale.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * On a real Tomcat, every answer (JSON, problem+json) goes out whole, with its {@code Content-Length}, never chunked.
 * Raw sockets: an HTTP client would hide the framing.
 */
@SpringBootTest(
        classes = WholeResponseFilterTests.TestApp.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"learnscale.instance-id=test-1", "spring.mvc.problemdetails.enabled=true"})
class WholeResponseFilterTests {

    @LocalServerPort
    int port;

    @Test
    void aJsonAnswerHasItsLengthAndNoChunks() throws IOException {
        Answer answer = get("/api/records");

        assertThat(answer.status()).isEqualTo(200);
        assertWhole(answer);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).startsWith("[{\"name\":\"record-0\"");
    }

    @Test
    void aProblemHasItsLengthAndNoChunks() throws IOException {
        Answer answer = get("/api/records/missing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        assertWhole(answer);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"status\":404");
    }

    @Test
    void anAnswerWrittenAfterAnAsyncDispatchArrivesWholeToo() throws IOException {
        Answer answer = get("/api/records/later");

        assertThat(answer.status()).isEqualTo(200);
        assertWhole(answer);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).startsWith("[{\"name\":\"record-0\"");
    }

    @Test
    void anAnswerForAPathNothingServesHasItsLengthToo() throws IOException {
        Answer answer = get("/api/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertWhole(answer);
    }

    /** Sent with its length, not in chunks. */
    private static void assertWhole(Answer answer) {
        assertThat(answer.headers()).doesNotContainKey("transfer-encoding");
        assertThat(answer.headers()).containsEntry("content-length", Integer.toString(answer.body().length));
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {}

    /** One GET on its own connection; the answer read until the server closes it. */
    private Answer get(String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (String line : List.of(lines).subList(1, lines.length)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(all, end + 4, all.length - end - 4);
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body.toByteArray());
        }
    }

    @SpringBootApplication
    static class TestApp {

        record Entry(String name, int size) {}

        @RestController
        static class Records {

            @GetMapping("/api/records")
            List<Entry> all() {
                // long enough that the JSON writer flushes before it is done
                return IntStream.range(0, 2000)
                        .mapToObj(i -> new Entry("record-" + i, i))
                        .toList();
            }

            /** The same, from another thread: the answer is written on the async dispatch. */
            @GetMapping("/api/records/later")
            Callable<List<Entry>> later() {
                return this::all;
            }

            @GetMapping("/api/records/missing")
            Entry missing() {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such record.");
            }
        }
    }
}
