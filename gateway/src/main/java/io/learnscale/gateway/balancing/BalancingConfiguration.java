package io.learnscale.gateway.balancing;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every {@code lb://} service pick its instance with the configured policy ({@link PerService}), counts the
 * requests outstanding per instance, and retries what DESIGN allows once on another instance.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PerService.class)
class BalancingConfiguration {

    @Bean
    InFlightRequests inFlightRequests(MeterRegistry meters) {
        return new InFlightRequests(meters);
    }

    @Bean
    InFlightCounter inFlightCounter(InFlightRequests inFlight) {
        return new InFlightCounter(inFlight);
    }

    @Bean
    Failover failover() {
        return new Failover();
    }
}
