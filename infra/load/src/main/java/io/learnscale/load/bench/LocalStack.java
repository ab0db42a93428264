package io.learnscale.load.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The running local stack ({@code ./learnscale run}), as its launcher describes it in {@code .data}. */
record LocalStack(Path home, List<Instance> instances, String secret) {

    record Instance(String service, String id, String url, String managementUrl, long pid) {}

    /** From {@code ./learnscale status}: INSTANCE URL MANAGEMENT PID LOG. */
    static LocalStack read(Path home) {
        try {
            List<Instance> instances = new ArrayList<>();
            for (String line : status(home)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3
                        && fields[0].matches("(gateway|content-service|quiz-service|search-service)-\\d+")) {
                    instances.add(new Instance(
                            fields[0].substring(0, fields[0].lastIndexOf('-')),
                            fields[0],
                            fields[1],
                            fields[2],
                            Long.parseLong(fields[3])));
                }
            }
            if (instances.isEmpty()) {
                throw new IllegalStateException("No running local stack: start it with ./learnscale run --benchmark");
            }
            return new LocalStack(
                    home,
                    instances,
                    Files.readString(home.resolve(".data/jwt-secret")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("No running local stack: start it with ./learnscale run --benchmark", e);
        }
    }

    Instance instance(String id) {
        return instances.stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No instance " + id + " in the running stack"));
    }

    List<Instance> of(String service) {
        return instances.stream().filter(i -> i.service().equals(service)).toList();
    }

    String gatewayUrl() {
        return of("gateway").getFirst().url();
    }

    private static List<String> status(Path home) throws IOException {
        try {
            Process process = new ProcessBuilder(home.resolve("learnscale").toString(), "status")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .start();
            List<String> lines =
                    new String(process.getInputStream().readAllBytes()).lines().toList();
            process.waitFor();
            return lines;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
