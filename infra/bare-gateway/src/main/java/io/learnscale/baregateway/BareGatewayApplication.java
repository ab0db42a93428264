package io.learnscale.baregateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One route, {@code /api/** → lb://backend}, with Spring Cloud Gateway's defaults: no security, rate limiter,
 * breaker, retry, request ids, access log, metrics or tracing. The backend's address comes from
 * {@code BACKEND_URL} (simple discovery), the port from {@code SERVER_PORT}.
 */
@SpringBootApplication
public class BareGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayApplication.class, args);
    }
}
