package io.learnscale.support;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Wires the instance id, the request tagging filter, whole (not chunked) responses and the {@code instance} metric
 * tag into a service.
 */
@AutoConfiguration
public class ServiceSupportAutoConfiguration {

    @Bean
    InstanceIdentity instanceIdentity(Environment environment) {
        return new InstanceIdentity(environment.getRequiredProperty("learnscale.instance-id"));
    }

    @Bean
    FilterRegistrationBean<RequestTagFilter> requestTagFilter(InstanceIdentity instance) {
        var registration = new FilterRegistrationBean<>(new RequestTagFilter(instance));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WholeResponseFilter> wholeResponseFilter() {
        var registration = new FilterRegistrationBean<>(new WholeResponseFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    MeterRegistryCustomizer<MeterRegistry> instanceTag(InstanceIdentity instance) {
        return registry -> registry.config().commonTags("instance", instance.id());
    }
}
