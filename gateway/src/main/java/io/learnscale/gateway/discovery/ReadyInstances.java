package io.learnscale.gateway.discovery;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * What Spring Cloud LoadBalancer balances over for one service: the registry's ready instances of it, read afresh
 * for every request (no cache in between, so a change shows on the next request).
 */
final class ReadyInstances implements ServiceInstanceListSupplier {

    private final String serviceId;
    private final InstanceRegistry registry;

    /** The last list converted, reused while the registry's snapshot is the same object. */
    private volatile Converted last = new Converted(List.of(), List.of());

    ReadyInstances(String serviceId, InstanceRegistry registry) {
        this.serviceId = serviceId;
        this.registry = registry;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.defer(() -> Flux.just(instances()));
    }

    List<ServiceInstance> instances() {
        List<Candidate> ready = registry.ready(serviceId);
        Converted converted = last;
        if (converted.from() != ready) {
            converted = new Converted(
                    ready, ready.stream().map(ReadyInstances::serviceInstance).toList());
            last = converted;
        }
        return converted.instances();
    }

    static ServiceInstance serviceInstance(Candidate candidate) {
        URI url = candidate.url();
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(
                candidate.id(),
                candidate.service(),
                url.getHost(),
                port,
                secure,
                Map.of("managementUrl", candidate.managementUrl().toString()));
    }

    private record Converted(List<Candidate> from, List<ServiceInstance> instances) {}
}
