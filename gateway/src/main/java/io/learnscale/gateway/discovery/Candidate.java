package io.learnscale.gateway.discovery;

import java.net.URI;

/**
 * An instance that may serve a service: it gets traffic only while its readiness probe says so.
 *
 * @param service the service name, as in {@code lb://<service>}: {@code content-service}
 * @param id the instance id, the same value the instance sends in {@code X-Served-By}
 * @param url where its API is served: {@code http://127.0.0.1:41234}
 * @param managementUrl where its Actuator is served (the readiness probe): {@code http://127.0.0.1:41235}
 */
record Candidate(String service, String id, URI url, URI managementUrl) {

    URI readinessUri(String path) {
        String base = managementUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (path.startsWith("/") ? path : "/" + path));
    }
}
