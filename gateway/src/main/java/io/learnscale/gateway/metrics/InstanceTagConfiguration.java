package io.learnscale.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tags every meter with the instance id, as every learnscale app does (DESIGN: Instances, ports, health). */
@Configuration(proxyBeanMethods = false)
class InstanceTagConfiguration {

    @Bean
    MeterRegistryCustomizer<MeterRegistry> instanceTag(InstanceProperties instance) {
        return registry -> registry.config().commonTags("instance", instance.instanceId());
    }
}
