package io.learnscale.gateway.dashboard;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.learnscale.gateway.discovery.InstanceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The dashboard's feed, made from the registry's candidates and the gateway's own meters. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    GatewayMeters gatewayMeters(
            Environment environment,
            MeterRegistry meters,
            CircuitBreakerRegistry breakers,
            DashboardProperties properties) {
        return new GatewayMeters(
                environment.getProperty("learnscale.instance-id", "gateway"),
                meters,
                breakers,
                properties.interval(),
                properties.rateWindow());
    }

    @Bean
    DashboardFeed dashboardFeed(InstanceRegistry registry, GatewayMeters gateway, DashboardProperties properties) {
        return new DashboardFeed(registry, gateway, properties);
    }
}
