package io.learnscale.launcher;

import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * {@code instances.json} (DESIGN: Finding instances): every backend instance the launcher runs, rewritten
 * atomically on every change so the gateway, which watches it, never reads half a file.
 */
final class InstancesFile {

    private final Path file;

    InstancesFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    void write(Collection<AppInstance> instances) {
        String json = instances.stream()
                .filter(instance -> instance.service() != Service.GATEWAY)
                .map(instance -> "  {\"service\": \"%s\", \"id\": \"%s\", \"url\": \"%s\", \"managementUrl\": \"%s\"}"
                        .formatted(
                                instance.service().serviceName(),
                                instance.id(),
                                instance.url(),
                                instance.managementUrl()))
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        try {
            Path temporary = Files.createTempFile(file.getParent(), "instances", ".json.tmp");
            Files.writeString(temporary, json);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
