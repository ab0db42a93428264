package io.learnscale.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.learnscale.gateway.discovery.DiscoveryProperties.Readiness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

/** The registry against real readiness endpoints, with short intervals. */
class InstanceRegistryTests {

    private static final Readiness FAST =
            new Readiness("/actuator/health/readiness", Duration.ofMillis(100), Duration.ofMillis(300), 2);

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<InstanceRegistry> registries = new ArrayList<>();

    @AfterEach
    void stopAll() {
        registries.forEach(InstanceRegistry::stop);
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aCandidateGetsTrafficFromItsFirstGoodProbeAndLosesItOnANotReadyAnswer() throws IOException {
        AtomicInteger status = new AtomicInteger(200);
        Candidate candidate = candidate("content-service-1", readinessServer(status));
        InstanceRegistry registry = start(candidate);

        await().atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("content-service").contains(candidate));

        status.set(503);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("content-service").isEmpty());
        assertThat(registry.view().services().get("content-service"))
                .singleElement()
                .satisfies(view -> {
                    assertThat(view.ready()).isFalse();
                    assertThat(view.state()).isEqualTo("readiness answered 503");
                });

        status.set(200);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("content-service").contains(candidate));
    }

    @Test
    void aCandidateThatStopsAnsweringIsTakenOut() throws IOException {
        HttpServer server = readinessServer(new AtomicInteger(200));
        Candidate candidate = candidate("content-service-1", server);
        InstanceRegistry registry = start(candidate);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("content-service").contains(candidate));

        server.stop(0);

        await().atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("content-service").isEmpty());
        assertThat(registry.view().services().get("content-service"))
                .singleElement()
                .satisfies(view -> assertThat(view.state()).isEqualTo("connection refused"));
    }

    @Test
    void aCandidateThatNeverAnswersNeverGetsTraffic() throws IOException {
        Candidate down = new Candidate(
                "quiz-service", "quiz-service-1", URI.create(closedAddress()), URI.create(closedAddress()));
        Candidate up = candidate("quiz-service-2", readinessServer(new AtomicInteger(200)));
        InstanceRegistry registry = start(down, up);

        await().atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("quiz-service").equals(List.of(up)));
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> registry.ready("quiz-service").equals(List.of(up)));
        assertThat(registry.ready("search-service")).isEmpty();
    }

    @Test
    void theLoadBalancerSeesTheReadyInstancesWithTheirIds() throws IOException {
        Candidate first = candidate("content-service-1", readinessServer(new AtomicInteger(200)));
        Candidate second = candidate("content-service-2", readinessServer(new AtomicInteger(200)));
        InstanceRegistry registry = start(first, second);
        ReadyInstances supplier = new ReadyInstances("content-service", registry);

        await().atMost(Duration.ofSeconds(2)).until(() -> supplier.instances().size() == 2);

        List<ServiceInstance> instances = supplier.get().blockFirst();
        assertThat(instances)
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("content-service-1", "content-service-2");
        assertThat(instances.getFirst().getServiceId()).isEqualTo("content-service");
        assertThat(instances.getFirst().getUri()).isEqualTo(first.url());
        assertThat(instances.getFirst().getMetadata())
                .containsEntry("managementUrl", first.managementUrl().toString());
        assertThat(supplier.getServiceId()).isEqualTo("content-service");
    }

    private InstanceRegistry start(Candidate... candidates) {
        InstanceRegistry registry =
                new InstanceRegistry(new FixedCandidates(List.of(candidates), Duration.ofMillis(100)), FAST);
        registries.add(registry);
        registry.start();
        return registry;
    }

    private HttpServer readinessServer(AtomicInteger status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(status.get(), -1);
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static Candidate candidate(String id, HttpServer server) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new Candidate(id.substring(0, id.lastIndexOf('-')), id, url, url);
    }

    private static String closedAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
