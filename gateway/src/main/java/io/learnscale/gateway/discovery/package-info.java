/**
 * Finding instances (DESIGN: Finding instances): who the candidates of each service are (the launcher's
 * {@code instances.json}, DNS, or a fixed list), which of them are ready (their readiness probe, polled), and the
 * Spring Cloud LoadBalancer lists that {@code lb://} routes balance over.
 */
package io.learnscale.gateway.discovery;
