package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An {@code instances.json} written the way the launcher writes it (the whole file, replaced atomically, with a field
 * the gateway does not know), handed to the gateway under test and deleted after the class; and what the gateway made
 * of it, read from {@code /actuator/instances}. Register it with {@code @RegisterExtension} and point discovery at it
 * from a {@code @DynamicPropertySource} with {@link #register}.
 */
final class TestInstances implements AfterAllCallback {

    /** One line of the file. */
    record Entry(String service, String id, String url, String managementUrl) {

        static Entry of(String service, TestUpstream upstream) {
            return new Entry(service, upstream.servedBy(), upstream.url(), upstream.managementUrl());
        }
    }

    private final Path file;
    private final Set<String> servicesEverListed = ConcurrentHashMap.newKeySet();
    private volatile List<Entry> listed = List.of();

    private TestInstances(Path file) {
        this.file = file;
    }

    /** A new file in a directory of its own, listing these instances. */
    static TestInstances of(List<Entry> entries) {
        try {
            TestInstances instances = new TestInstances(
                    Files.createTempDirectory("gateway-instances").resolve("instances.json"));
            instances.write(entries);
            return instances;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return file;
    }

    /** Discovery reads this file. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("learnscale.discovery.instances-file", file::toString);
    }

    /** Replaces the file's content at once, as the launcher does when it scales. */
    void write(List<Entry> entries) {
        listed = List.copyOf(entries);
        entries.forEach(entry -> servicesEverListed.add(entry.service()));
        String json = entries.stream()
                .map(entry -> """
                        {"service": "%s", "id": "%s", "url": "%s", "managementUrl": "%s", "pid": 4242}""".formatted(entry.service(), entry.id(), entry.url(), entry.managementUrl()))
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        try {
            Path temporary = Files.createTempFile(file.getParent(), "instances", ".json.tmp");
            Files.writeString(temporary, json);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the gateway has exactly the instances the file lists ready, service by service, and none of a
     * service the file listed before but no longer does.
     */
    void awaitReady(int managementPort, Duration within) {
        Map<String, Set<String>> expected = listed.stream()
                .collect(Collectors.groupingBy(
                        Entry::service, Collectors.mapping(Entry::id, Collectors.toUnmodifiableSet())));
        await().atMost(within).untilAsserted(() -> {
            for (String service : servicesEverListed) {
                assertThat(readyIds(managementPort, service))
                        .as(service)
                        .isEqualTo(expected.getOrDefault(service, Set.of()));
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (var stream = Files.list(file.getParent())) {
            for (Path path : stream.toList()) {
                Files.deleteIfExists(path);
            }
        }
        Files.deleteIfExists(file.getParent());
    }

    /** The ids of the instances of a service that the gateway's registry says get traffic. */
    static Set<String> readyIds(int managementPort, String service) {
        return ids(managementPort, service, true);
    }

    /** The ids of every candidate of a service the gateway's registry knows, ready or not. */
    static Set<String> candidateIds(int managementPort, String service) {
        return ids(managementPort, service, false);
    }

    private static Set<String> ids(int managementPort, String service, boolean readyOnly) {
        String body = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/instances")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Map<String, List<Map<String, Object>>> services = JsonPath.read(body, "$.services");
        Set<String> ids = new TreeSet<>();
        for (Map<String, Object> instance : services.getOrDefault(service, List.of())) {
            if (!readyOnly || Boolean.TRUE.equals(instance.get("ready"))) {
                ids.add((String) instance.get("id"));
            }
        }
        return ids;
    }
}
