package io.learnscale.search;

import io.learnscale.testsupport.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole service on random ports against real Kafka and Redis. Every test class that uses it shares one
 * application context (one instance, {@code search-service-1}), so keep the properties here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "learnscale.analytics.lag-interval=1s"})
@RealInfrastructure
public @interface SearchServiceTest {}
