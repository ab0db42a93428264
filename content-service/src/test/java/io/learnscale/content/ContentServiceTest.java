package io.learnscale.content;

import io.learnscale.testsupport.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The whole content-service on real PostgreSQL, Redis and Kafka, with Redis and Kafka behind proxies a test can cut
 * ({@link Faults}) and every SQL statement counted ({@link SqlLog}). Every integration test uses exactly this, so
 * they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "learnscale.instance-id=content-service-7",
            "learnscale.outbox.resubmit-interval=500ms",
            "learnscale.outbox.min-age=0s",
            "learnscale.cache.breaker.wait-in-open-state=1s",
            "spring.kafka.producer.properties.max.block.ms=1000",
            "spring.kafka.producer.properties.request.timeout.ms=1000",
            "spring.kafka.producer.properties.delivery.timeout.ms=2000"
        })
@RealInfrastructure
@Import(FaultInjection.class)
public @interface ContentServiceTest {}
