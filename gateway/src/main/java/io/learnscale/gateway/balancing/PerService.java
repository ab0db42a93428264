package io.learnscale.gateway.balancing;

import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The balancer of every load-balancer client (one child context per service, named after it), replacing Spring
 * Cloud LoadBalancer's round robin. Its instances come from the supplier the discovery feature registers in the
 * same child context.
 *
 * <p>Deliberately not a {@code @Configuration}: it belongs to the child contexts only, through
 * {@code @LoadBalancerClients(defaultConfiguration = ...)} on {@link BalancingConfiguration}.
 */
class PerService {

    @Bean
    ReactorServiceInstanceLoadBalancer instanceBalancer(
            Environment environment,
            BalancingProperties properties,
            InFlightRequests inFlight,
            ObjectProvider<ServiceInstanceListSupplier> suppliers) {
        String service = Objects.requireNonNull(
                LoadBalancerClientFactory.getName(environment), "a load-balancer client context has a name");
        return new InstanceBalancer(service, properties.loadBalancer(), inFlight, suppliers);
    }
}
