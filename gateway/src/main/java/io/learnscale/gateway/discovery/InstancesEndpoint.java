package io.learnscale.gateway.discovery;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/instances} on the management port: every candidate of every service, whether it gets
 * traffic, and what its readiness probe last said. Read-only.
 */
@Component
@Endpoint(id = "instances")
class InstancesEndpoint {

    private final InstanceRegistry registry;

    InstancesEndpoint(InstanceRegistry registry) {
        this.registry = registry;
    }

    @ReadOperation
    InstanceRegistry.View instances() {
        return registry.view();
    }
}
