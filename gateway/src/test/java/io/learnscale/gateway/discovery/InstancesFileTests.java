package io.learnscale.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstancesFileTests {

    @Test
    void readsTheLaunchersFormatAndIgnoresUnknownFields() {
        String json = """
                [
                  {"service": "quiz-service", "id": "quiz-service-1", "url": "http://127.0.0.1:41000",
                   "managementUrl": "http://127.0.0.1:41001", "pid": 4242, "startedAt": "2026-01-01T00:00:00Z"},
                  {"service": "content-service", "id": "content-service-2", "url": "http://127.0.0.1:42000",
                   "managementUrl": "http://127.0.0.1:42001", "tags": {"zone": "a"}},
                  {"service": "content-service", "id": "content-service-1", "url": "http://127.0.0.1:43000",
                   "managementUrl": "http://127.0.0.1:43001"}
                ]""";

        assertThat(InstancesFile.parse(json, "test"))
                .containsExactly(
                        candidate("content-service", "content-service-1", 43000, 43001),
                        candidate("content-service", "content-service-2", 42000, 42001),
                        candidate("quiz-service", "quiz-service-1", 41000, 41001));
    }

    @Test
    void probesAnInstanceWithoutAManagementUrlOnItsUrl() {
        assertThat(InstancesFile.parse("""
                        [{"service": "search-service", "id": "search-service-1", "url": "http://127.0.0.1:44000"}]""", "test"))
                .containsExactly(candidate("search-service", "search-service-1", 44000, 44000));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"service\": \"content-service\", \"id\": \"content-service-1\", \"url\": \"http://127.0.0.1:1",
                "not json at all",
                "{\"service\": \"content-service\"}",
                "42",
                "",
                "   "
            })
    void brokenOrForeignContentListsNoInstancesAndThrowsNothing(String content) {
        assertThatNoException().isThrownBy(() -> InstancesFile.parse(content, "test"));
        assertThat(InstancesFile.parse(content, "test")).isEmpty();
    }

    @Test
    void skipsEntriesThatLackAFieldOrHaveABadUrlAndKeepsTheRest() {
        String json = """
                [
                  {"id": "no-service", "url": "http://127.0.0.1:1"},
                  {"service": "content-service", "url": "http://127.0.0.1:2"},
                  {"service": "content-service", "id": "no-url"},
                  {"service": "content-service", "id": "ftp", "url": "ftp://127.0.0.1:3"},
                  {"service": "content-service", "id": "relative", "url": "/api"},
                  {"service": "content-service", "id": 7, "url": "http://127.0.0.1:4"},
                  "a string",
                  {"service": "content-service", "id": "content-service-1", "url": "http://127.0.0.1:5",
                   "managementUrl": "http://127.0.0.1:6"},
                  {"service": "content-service", "id": "content-service-1", "url": "http://127.0.0.1:7"}
                ]""";

        assertThat(InstancesFile.parse(json, "test"))
                .containsExactly(candidate("content-service", "content-service-1", 5, 6));
    }

    @Test
    void aMissingFileListsNoInstancesUntilItAppearsAndFollowsEveryRewrite(@TempDir Path directory) throws Exception {
        Path path = directory.resolve("instances.json");
        InstancesFile file = new InstancesFile(path, Duration.ofSeconds(1));

        assertThat(file.candidates()).isEmpty();

        Files.writeString(path, """
                [{"service": "content-service", "id": "content-service-1", "url": "http://127.0.0.1:5"}]""");
        assertThat(file.candidates()).extracting(Candidate::id).containsExactly("content-service-1");

        Files.writeString(path, """
                [{"service": "content-service", "id": "content-service-1", "url": "http://127.0.0.1:5"},
                 {"service": "content-service", "id": "content-service-2", "url": "http://127.0.0.1:6"}]""");
        assertThat(file.candidates())
                .extracting(Candidate::id)
                .containsExactly("content-service-1", "content-service-2");

        Files.writeString(path, "[{\"service\": ");
        assertThat(file.candidates()).isEmpty();

        Files.delete(path);
        assertThat(file.candidates()).isEmpty();
    }

    @Test
    void aDirectoryInsteadOfAFileListsNoInstances(@TempDir Path directory) {
        assertThat(new InstancesFile(directory, Duration.ofSeconds(1)).candidates())
                .isEmpty();
    }

    private static Candidate candidate(String service, String id, int port, int managementPort) {
        return new Candidate(
                service, id, URI.create("http://127.0.0.1:" + port), URI.create("http://127.0.0.1:" + managementPort));
    }
}
