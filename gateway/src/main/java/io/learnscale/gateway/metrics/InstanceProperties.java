package io.learnscale.gateway.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Who this process is: the same id is the metric tag {@code instance} and is in every log line. */
@ConfigurationProperties("learnscale")
record InstanceProperties(String instanceId) {}
