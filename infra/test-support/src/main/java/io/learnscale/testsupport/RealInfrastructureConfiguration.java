package io.learnscale.testsupport;

import com.redis.testcontainers.RedisContainer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The two providers behind {@link RealInfrastructure}; exactly one is active. */
final class RealInfrastructureConfiguration {

    private RealInfrastructureConfiguration() {}

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(InfrastructureMode.WhenContainers.class)
    static class Containers {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"));
        }

        @Bean
        @ServiceConnection
        RedisContainer redis() {
            return new RedisContainer(DockerImageName.parse("redis:7.4-alpine"));
        }

        @Bean
        @ServiceConnection
        KafkaContainer kafka() {
            return new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.2"));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(InfrastructureMode.WhenEmbedded.class)
    static class Embedded {

        /** Suppliers, so a server starts only when the app reads its address. */
        @Bean
        DynamicPropertyRegistrar embeddedServers() {
            return registry -> {
                registry.add(
                        "spring.datasource.url",
                        () -> EmbeddedServers.postgres().jdbcUrl());
                registry.add("spring.datasource.username", () -> EmbeddedServers.POSTGRES_USER);
                registry.add("spring.datasource.password", () -> EmbeddedServers.POSTGRES_USER);
                registry.add("spring.data.redis.host", () -> "127.0.0.1");
                registry.add(
                        "spring.data.redis.port", () -> EmbeddedServers.redis().port());
                registry.add(
                        "spring.kafka.bootstrap-servers",
                        () -> EmbeddedServers.kafka().bootstrapServers());
            };
        }
    }
}
