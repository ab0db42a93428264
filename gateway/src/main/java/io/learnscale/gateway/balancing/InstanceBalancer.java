package io.learnscale.gateway.balancing;

import io.learnscale.gateway.balancing.BalancingProperties.Policy;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

/**
 * Picks the instance of one service that gets a request, from the ready ones its
 * {@link ServiceInstanceListSupplier} gives: in turn ({@link Policy#ROUND_ROBIN}), or the one with the fewest
 * outstanding requests, ties in turn ({@link Policy#LEAST_OUTSTANDING}). An instance a request just failed on
 * ({@link #EXCLUDED_INSTANCE_ATTR}, set by {@link Failover}) is never picked again for it; when it is the only
 * one, there is no instance (and the first failure stands).
 *
 * <p>Per request: one or two scans of a handful of instances, no locks, one response object.
 */
final class InstanceBalancer implements ReactorServiceInstanceLoadBalancer {

    /** Exchange attribute: the id of the instance this request must not be sent to again. */
    static final String EXCLUDED_INSTANCE_ATTR = InstanceBalancer.class.getName() + ".excluded";

    private static final Response<ServiceInstance> NONE = new EmptyResponse();

    private final String serviceId;
    private final Policy policy;
    private final InFlightRequests inFlight;
    private final ObjectProvider<ServiceInstanceListSupplier> suppliers;
    private final AtomicInteger position =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1024));

    private volatile @Nullable ServiceInstanceListSupplier supplier;

    InstanceBalancer(
            String serviceId,
            Policy policy,
            InFlightRequests inFlight,
            ObjectProvider<ServiceInstanceListSupplier> suppliers) {
        this.serviceId = serviceId;
        this.policy = policy;
        this.inFlight = inFlight;
        this.suppliers = suppliers;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Mono<Response<ServiceInstance>> choose(Request request) {
        String excluded = excluded(request);
        return supplier().get(request).next().map(instances -> pick(instances, excluded));
    }

    Response<ServiceInstance> pick(List<ServiceInstance> instances, @Nullable String excluded) {
        int count = instances.size();
        if (count == 0) {
            return NONE;
        }
        int turn = position.getAndIncrement() & Integer.MAX_VALUE;
        ServiceInstance chosen = policy == Policy.ROUND_ROBIN
                ? inTurn(instances, excluded, turn)
                : leastOutstanding(instances, excluded, turn);
        return chosen == null ? NONE : new DefaultResponse(chosen);
    }

    private static @Nullable ServiceInstance inTurn(
            List<ServiceInstance> instances, @Nullable String excluded, int turn) {
        int count = instances.size();
        for (int i = 0; i < count; i++) {
            ServiceInstance candidate = instances.get((turn + i) % count);
            if (!isExcluded(candidate, excluded)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The instance with the fewest outstanding requests; among several with as few, the {@code turn}-th of them,
     * so that ties go round fairly (not to whichever follows a busy instance). Two passes, no allocation.
     */
    private @Nullable ServiceInstance leastOutstanding(
            List<ServiceInstance> instances, @Nullable String excluded, int turn) {
        int fewest = Integer.MAX_VALUE;
        int ties = 0;
        ServiceInstance first = null;
        for (ServiceInstance candidate : instances) {
            if (isExcluded(candidate, excluded)) {
                continue;
            }
            int outstanding = inFlight.outstanding(serviceId, candidate.getInstanceId());
            if (outstanding < fewest) {
                fewest = outstanding;
                ties = 1;
                first = candidate;
            } else if (outstanding == fewest) {
                ties++;
            }
        }
        if (ties <= 1) {
            return first;
        }
        int skip = turn % ties;
        for (ServiceInstance candidate : instances) {
            if (!isExcluded(candidate, excluded)
                    && inFlight.outstanding(serviceId, candidate.getInstanceId()) == fewest
                    && skip-- == 0) {
                return candidate;
            }
        }
        return first; // the counts moved in between: the first of the fewest will do
    }

    private static boolean isExcluded(ServiceInstance candidate, @Nullable String excluded) {
        return excluded != null && excluded.equals(candidate.getInstanceId());
    }

    private ServiceInstanceListSupplier supplier() {
        ServiceInstanceListSupplier known = supplier;
        if (known == null) {
            known = suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
            supplier = known;
        }
        return known;
    }

    @SuppressWarnings("rawtypes")
    private static @Nullable String excluded(Request request) {
        return request.getContext() instanceof RequestDataContext context
                        && context.getClientRequest() != null
                        && context.getClientRequest().getAttributes() != null
                        && context.getClientRequest().getAttributes().get(EXCLUDED_INSTANCE_ATTR) instanceof String id
                ? id
                : null;
    }
}
