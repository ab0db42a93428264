package io.learnscale.launcher;

import io.learnscale.launcher.app.Service;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * How to run a stack.
 *
 * @param home the project's root folder, where the apps' jars are built
 * @param dataDirectory where the servers keep their data and every process its log
 * @param gatewayPort the gateway's public port
 * @param instances how many instances of each backend service
 * @param freePorts any free ports (tests) instead of the fixed, documented ones
 * @param clean start from empty data
 * @param benchmark the apps' {@code benchmark} profile: rate limits out of reach, so load tests measure the system
 * @param writeArchives the first instance of each app writes its class-data archive when it stops (README: Run it);
 *     every instance maps a current one in either way. Off for tests: their stack should stop quickly.
 */
public record StackOptions(
        Path home,
        Path dataDirectory,
        int gatewayPort,
        Map<Service, Integer> instances,
        boolean freePorts,
        boolean clean,
        boolean benchmark,
        boolean writeArchives) {

    public static final int DEFAULT_GATEWAY_PORT = 8080;

    public StackOptions {
        instances = Map.copyOf(instances);
    }

    /** The default local stack: two content and quiz instances, one search instance, the gateway on 8080. */
    public static StackOptions defaults(Path home) {
        var counts = new EnumMap<Service, Integer>(Service.class);
        counts.put(Service.CONTENT, 2);
        counts.put(Service.QUIZ, 2);
        counts.put(Service.SEARCH, 1);
        return new StackOptions(home, home.resolve(".data"), DEFAULT_GATEWAY_PORT, counts, false, false, false, true);
    }

    /** A stack for tests: free ports and fresh data in the given folder; it writes no class-data archives. */
    public static StackOptions forTests(Path home, Path dataDirectory) {
        return defaults(home)
                .withDataDirectory(dataDirectory)
                .withFreePorts()
                .withClean(true)
                .withWriteArchives(false);
    }

    public StackOptions withInstances(Service service, int count) {
        var counts = new EnumMap<Service, Integer>(Service.class);
        counts.putAll(instances);
        counts.put(service, count);
        return new StackOptions(home, dataDirectory, gatewayPort, counts, freePorts, clean, benchmark, writeArchives);
    }

    public StackOptions withGatewayPort(int port) {
        return new StackOptions(home, dataDirectory, port, instances, freePorts, clean, benchmark, writeArchives);
    }

    public StackOptions withDataDirectory(Path directory) {
        return new StackOptions(home, directory, gatewayPort, instances, freePorts, clean, benchmark, writeArchives);
    }

    public StackOptions withFreePorts() {
        return new StackOptions(home, dataDirectory, gatewayPort, instances, true, clean, benchmark, writeArchives);
    }

    public StackOptions withClean(boolean clean) {
        return new StackOptions(
                home, dataDirectory, gatewayPort, instances, freePorts, clean, benchmark, writeArchives);
    }

    public StackOptions withBenchmark(boolean benchmark) {
        return new StackOptions(
                home, dataDirectory, gatewayPort, instances, freePorts, clean, benchmark, writeArchives);
    }

    public StackOptions withWriteArchives(boolean writeArchives) {
        return new StackOptions(
                home, dataDirectory, gatewayPort, instances, freePorts, clean, benchmark, writeArchives);
    }

    public int instances(Service service) {
        return instances.getOrDefault(service, service == Service.GATEWAY ? 1 : 0);
    }
}
