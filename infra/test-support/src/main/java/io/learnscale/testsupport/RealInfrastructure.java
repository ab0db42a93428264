package io.learnscale.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Gives a Spring Boot test real PostgreSQL, Redis and Kafka: Testcontainers with {@code @ServiceConnection}
 * when a Docker engine is reachable, the same servers embedded as local processes when it is not. Each server
 * starts on first use and is shared by every test in the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({RealInfrastructureConfiguration.Containers.class, RealInfrastructureConfiguration.Embedded.class})
public @interface RealInfrastructure {}
