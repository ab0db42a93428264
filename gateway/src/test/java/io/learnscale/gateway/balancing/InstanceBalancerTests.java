package io.learnscale.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.gateway.balancing.BalancingProperties.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;

class InstanceBalancerTests {

    private final List<ServiceInstance> instances = List.of(instance("a"), instance("b"), instance("c"));
    private final InFlightRequests inFlight = new InFlightRequests(new SimpleMeterRegistry());

    @Test
    void roundRobinTakesEachInTurn() {
        InstanceBalancer balancer = balancer(Policy.ROUND_ROBIN);

        List<String> picked = picks(balancer, 6, null);

        assertThat(picked.subList(0, 3)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(picked.subList(3, 6)).isEqualTo(picked.subList(0, 3));
    }

    @Test
    void leastOutstandingTakesTheInstanceWithFewestRequestsAwaitingAnAnswer() {
        InstanceBalancer balancer = balancer(Policy.LEAST_OUTSTANDING);
        inFlight.counter("content-service", "a").set(3);
        inFlight.counter("content-service", "b").set(1);
        inFlight.counter("content-service", "c").set(2);

        assertThat(picks(balancer, 5, null)).containsOnly("b");
    }

    @Test
    void leastOutstandingTakesTiesInTurn() {
        InstanceBalancer balancer = balancer(Policy.LEAST_OUTSTANDING);
        inFlight.counter("content-service", "a").set(4);

        List<String> picked = picks(balancer, 6, null);

        assertThat(picked).containsOnly("b", "c");
        assertThat(picked.stream().filter("b"::equals)).hasSize(3);
    }

    @Test
    void anExcludedInstanceIsNeverPicked() {
        for (Policy policy : Policy.values()) {
            assertThat(picks(balancer(policy), 9, "b")).as("%s", policy).doesNotContain("b");
        }
    }

    @Test
    void withOnlyTheExcludedInstanceThereIsNone() {
        InstanceBalancer balancer = new InstanceBalancer(
                "content-service", Policy.ROUND_ROBIN, inFlight, suppliers(List.of(instance("a"))));

        assertThat(balancer.choose(request("a")).block().hasServer()).isFalse();
    }

    @Test
    void withNoInstanceThereIsNone() {
        InstanceBalancer balancer =
                new InstanceBalancer("content-service", Policy.LEAST_OUTSTANDING, inFlight, suppliers(List.of()));

        assertThat(balancer.choose(request(null)).block().hasServer()).isFalse();
    }

    private List<String> picks(InstanceBalancer balancer, int times, String excluded) {
        List<String> picked = new ArrayList<>();
        IntStream.range(0, times).forEach(i -> {
            Response<ServiceInstance> response =
                    balancer.choose(request(excluded)).block();
            picked.add(response.getServer().getInstanceId());
        });
        return picked;
    }

    private InstanceBalancer balancer(Policy policy) {
        return new InstanceBalancer("content-service", policy, inFlight, suppliers(instances));
    }

    private static DefaultRequest<RequestDataContext> request(String excluded) {
        Map<String, Object> attributes = new java.util.HashMap<>();
        if (excluded != null) {
            attributes.put(InstanceBalancer.EXCLUDED_INSTANCE_ATTR, excluded);
        }
        return new DefaultRequest<>(new RequestDataContext(
                new RequestData(MockServerHttpRequest.get("/api/topics").build(), attributes)));
    }

    private static ObjectProvider<ServiceInstanceListSupplier> suppliers(List<ServiceInstance> instances) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("supplier", new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "content-service";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.just(instances);
            }
        });
        return beans.getBeanProvider(ServiceInstanceListSupplier.class);
    }

    private static ServiceInstance instance(String id) {
        return new DefaultServiceInstance(id, "content-service", "127.0.0.1", 8080, false);
    }
}
