package io.learnscale.gateway.discovery;

import java.util.Objects;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The configuration of every load-balancer client (one child context per service, named after it): its instances
 * are the registry's ready ones; which of them gets a request is the balancing feature's business.
 *
 * <p>Deliberately not a {@code @Configuration}: it belongs to the child contexts only, through
 * {@code @LoadBalancerClients(defaultConfiguration = ...)} on {@link DiscoveryConfiguration}.
 */
class LoadBalancedServices {

    @Bean
    ServiceInstanceListSupplier readyInstances(Environment environment, InstanceRegistry registry) {
        String service = Objects.requireNonNull(
                LoadBalancerClientFactory.getName(environment), "a load-balancer client context has a name");
        return new ReadyInstances(service, registry);
    }
}
