package io.learnscale.gateway.discovery;

import java.nio.file.Path;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the source of candidates (the instances file, else a fixed list, else DNS), keeps the registry, and makes
 * every {@code lb://} service balance over the registry's ready instances.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = LoadBalancedServices.class)
class DiscoveryConfiguration {

    @Bean
    CandidateSource candidateSource(DiscoveryProperties properties) {
        if (properties.hasInstancesFile()) {
            return new InstancesFile(Path.of(properties.instancesFile().strip()), properties.refreshInterval());
        }
        if (!properties.instances().isEmpty()) {
            return new FixedCandidates(properties.instances(), properties.refreshInterval());
        }
        return new DnsCandidates(properties.dns());
    }

    @Bean
    InstanceRegistry instanceRegistry(CandidateSource source, DiscoveryProperties properties) {
        return new InstanceRegistry(source, properties.readiness());
    }
}
