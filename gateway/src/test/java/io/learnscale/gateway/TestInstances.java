package io.learnscale.gateway;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Writes an {@code instances.json} the way the launcher does (the whole file, replaced atomically, with a field
 * the gateway does not know), and reads what the gateway made of it from {@code /actuator/instances}.
 */
final class TestInstances {

    /** One line of the file. */
    record Entry(String service, String id, String url, String managementUrl) {

        static Entry of(String service, TestUpstream upstream) {
            return new Entry(service, upstream.servedBy(), upstream.url(), upstream.managementUrl());
        }
    }

    private TestInstances() {}

    static void write(Path file, List<Entry> entries) {
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

    static Path temporaryFile() {
        try {
            return Files.createTempDirectory("gateway-instances").resolve("instances.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try (var stream = Files.list(file.getParent())) {
            for (Path path : stream.toList()) {
                Files.deleteIfExists(path);
            }
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
