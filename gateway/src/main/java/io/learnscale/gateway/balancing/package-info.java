/**
 * Balancing and failover (DESIGN: Topology, Retry at the gateway): which ready instance gets a request (round
 * robin, or least outstanding requests, by configuration), how many requests each instance has outstanding, and
 * the one retry on another instance that GET, HEAD and keyed attempt POSTs get when the connection failed before
 * any response.
 */
package io.learnscale.gateway.balancing;
