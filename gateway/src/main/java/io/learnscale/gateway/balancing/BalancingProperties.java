package io.learnscale.gateway.balancing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway picks an instance.
 *
 * @param loadBalancer {@code round-robin} (the default) or {@code least-outstanding}
 */
@ConfigurationProperties("learnscale.gateway")
record BalancingProperties(@DefaultValue("round-robin") Policy loadBalancer) {

    enum Policy {
        /** Each ready instance in turn: even when the instances are alike, blind to one that is slow. */
        ROUND_ROBIN,
        /**
         * The ready instance with the fewest requests awaiting an answer from it, ties in turn: a slow instance
         * holds on to its requests longer, so it gets fewer.
         */
        LEAST_OUTSTANDING
    }
}
