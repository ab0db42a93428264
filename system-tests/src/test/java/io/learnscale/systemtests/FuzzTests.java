package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Generated requests over every operation of the OpenAPI documents, through the gateway, with a valid admin token
 * and without one (issue: bad input and abuse). Properties: never a 5xx other than 503; every error is
 * problem+json with its status; nothing is written by a refused request (topic and quiz counts move only by the
 * accepted creates and deletes, and the analytics count only the accepted attempts). 600 requests from a fixed
 * seed in the suite; the {@code reliability} profile sends 10,000 from a new seed, and
 * {@code -Dlearnscale.fuzz.seed=...} replays one.
 */
@Order(65)
class FuzzTests {

    private static final int REQUESTS = Integer.getInteger("learnscale.fuzz.requests", 600);
    private static final long SEED = Long.getLong("learnscale.fuzz.seed", System.currentTimeMillis());
    private static final int SENDERS = 4;

    private final String gateway = SystemStack.get().gatewayUrl();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byMutation = new ConcurrentHashMap<>();
    private final Set<String> createdTopics = ConcurrentHashMap.newKeySet();
    private final Set<String> createdQuizzes = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> acceptedAttempts = new ConcurrentHashMap<>();
    private final AtomicInteger topicDelta = new AtomicInteger();
    private final AtomicInteger quizDelta = new AtomicInteger();

    @Test
    void noGeneratedRequestGetsA5xxOrAnErrorThatIsNotProblemJsonOrWritesWhenRefused() throws Exception {
        List<OpenApi.Operation> operations = OpenApi.operations(gateway);
        List<String> quizzes = quizIds();
        Map<String, List<String>> realIds = Map.of("slug", topicSlugs(), "id", quizzes);
        int topicsBefore = topicCount();
        Map<String, Integer> attemptsBefore = new HashMap<>();
        quizzes.forEach(quiz -> attemptsBefore.put(quiz, Traffic.counted(gateway, quiz)));

        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                running.add(senders.submit(() -> send(sender, new RequestFuzzer(SEED + sender, operations, realIds))));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        int expectedTopics = topicsBefore + topicDelta.get();
        int expectedQuizzes = quizzes.size() + quizDelta.get();
        Map<String, Integer> expectedAttempts = new TreeMap<>();
        // every quiz: a refused attempt must not be counted anywhere
        attemptsBefore.forEach((quiz, n) -> expectedAttempts.put(
                quiz,
                n + acceptedAttempts.getOrDefault(quiz, new AtomicInteger()).get()));
        int[] after = {topicCount(), quizIds().size()};
        Map<String, Integer> counted = new TreeMap<>();
        try {
            // analytics follow through Kafka, and each instance keeps its copy of the quiz list for a few seconds
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                after[0] = topicCount();
                after[1] = quizIds().size();
                expectedAttempts.keySet().forEach(quiz -> counted.put(quiz, Traffic.counted(gateway, quiz)));
                return after[0] == expectedTopics && after[1] == expectedQuizzes && counted.equals(expectedAttempts);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // asserted below, after the figures
        }
        int topicsAfter = after[0];
        int quizzesAfter = after[1];
        System.out.printf(
                "FUZZ seed=%d: %d requests over %d operations in %.0f s; by status %s; by mutation %s; topics %d -> %d"
                        + " (accepted creates minus deletes %+d); quizzes %d -> %d (%+d); accepted attempts %s;"
                        + " violations %d%n",
                SEED,
                REQUESTS,
                operations.size(),
                seconds,
                new TreeMap<>(byStatus),
                new TreeMap<>(byMutation),
                topicsBefore,
                topicsAfter,
                topicDelta.get(),
                quizzes.size(),
                quizzesAfter,
                quizDelta.get(),
                acceptedAttempts,
                violations.size());
        cleanUp();

        assertThat(violations).as("seed %d", SEED).isEmpty();
        assertThat(topicsAfter).as("topics").isEqualTo(expectedTopics);
        assertThat(quizzesAfter).as("quizzes").isEqualTo(expectedQuizzes);
        assertThat(counted).as("attempts counted").isEqualTo(expectedAttempts);
    }

    private void send(int sender, RequestFuzzer fuzzer) {
        for (int n = 0; n < REQUESTS / SENDERS; n++) {
            RequestFuzzer.Request request = fuzzer.next();
            // half as an admin (a new subject every few requests: its own rate-limit budget), half anonymous
            String authorization = n % 2 == 0 ? Tokens.bearer("fuzz-admin-" + sender + "-" + n / 8, "admin") : null;
            HttpResponse<String> response;
            try {
                // on the client's pooled keep-alive connections, as any client would send them
                response = Http.send(toHttp(request, authorization));
            } catch (RuntimeException e) {
                violations.add("no answer to %s: %s".formatted(request.describe(), e));
                continue;
            }
            byStatus.computeIfAbsent(Integer.toString(response.statusCode()), k -> new AtomicInteger())
                    .incrementAndGet();
            byMutation
                    .computeIfAbsent(request.mutation().name(), k -> new AtomicInteger())
                    .incrementAndGet();
            check(request, response);
            account(request, response);
        }
    }

    private HttpRequest.Builder toHttp(RequestFuzzer.Request request, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + request.path()))
                .method(
                        request.operation().method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** The properties every answer has, whatever was sent. */
    private void check(RequestFuzzer.Request request, HttpResponse<String> response) {
        int status = response.statusCode();
        String what = "%s -> %d %s"
                .formatted(
                        request.describe(),
                        status,
                        response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
        if (status >= 500 && status != 503) {
            violations.add("5xx: " + what);
        }
        if (response.headers().firstValue("X-Request-Id").isEmpty()) {
            violations.add("no X-Request-Id: " + what);
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                violations.add("not problem+json (" + type + "): " + what);
                return;
            }
            try {
                if (JsonPath.<Integer>read(response.body(), "$.status") != status) {
                    violations.add("problem status differs: " + what);
                }
            } catch (RuntimeException e) {
                violations.add("unreadable problem: " + what);
            }
        }
    }

    /** What an accepted write changed, to compare with the counts afterwards. */
    private void account(RequestFuzzer.Request request, HttpResponse<String> response) {
        String method = request.operation().method();
        String template = request.operation().path();
        int status = response.statusCode();
        String last = decode(request.path().replaceFirst("\\?.*", "").replaceFirst(".*/", ""));
        if (template.equals("/api/topics") && method.equals("POST") && status == 201) {
            createdTopics.add(JsonPath.read(response.body(), "$.slug"));
            topicDelta.incrementAndGet();
        } else if (template.equals("/api/topics/{slug}") && method.equals("PUT") && status == 201) {
            createdTopics.add(last);
            topicDelta.incrementAndGet();
        } else if (template.equals("/api/topics/{slug}") && method.equals("DELETE") && status == 204) {
            createdTopics.remove(last);
            topicDelta.decrementAndGet();
        } else if (template.equals("/api/quizzes") && method.equals("POST") && status == 201) {
            createdQuizzes.add(JsonPath.read(response.body(), "$.id"));
            quizDelta.incrementAndGet();
        } else if (template.equals("/api/quizzes/{id}") && method.equals("PUT") && status == 201) {
            createdQuizzes.add(last);
            quizDelta.incrementAndGet();
        } else if (template.equals("/api/quizzes/{id}") && method.equals("DELETE") && status == 204) {
            createdQuizzes.remove(last);
            quizDelta.decrementAndGet();
        } else if (template.endsWith("/attempts") && status == 201) {
            String quiz = decode(request.path().replaceFirst("/attempts.*", "").replaceFirst(".*/", ""));
            acceptedAttempts.computeIfAbsent(quiz, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The fuzz's own topics and quizzes go again, so later tests see the notes as they were. */
    private void cleanUp() {
        String admin = Tokens.bearer("fuzz-cleaner", "admin");
        createdTopics.forEach(slug -> delete("/api/topics/", slug, admin));
        createdQuizzes.forEach(id -> delete("/api/quizzes/", id, admin));
    }

    private void delete(String collection, String id, String admin) {
        Http.send(HttpRequest.newBuilder(
                        URI.create(gateway + collection + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)))
                .header("Authorization", admin)
                .DELETE());
    }

    private int topicCount() {
        return JsonPath.read(Http.get(gateway + "/api/topics?size=1").body(), "$.page.totalElements");
    }

    private List<String> topicSlugs() {
        return JsonPath.read(Http.get(gateway + "/api/topics?size=100").body(), "$.content[*].slug");
    }

    private List<String> quizIds() {
        return JsonPath.read(Http.get(gateway + "/api/quizzes").body(), "$[*].id");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
