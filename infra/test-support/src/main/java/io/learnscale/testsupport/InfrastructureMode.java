package io.learnscale.testsupport;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;

/**
 * Containers or embedded servers. {@code LEARNSCALE_TEST_INFRA=embedded|containers} forces one; by default
 * containers are used exactly when a Docker engine answers.
 */
enum InfrastructureMode {
    CONTAINERS,
    EMBEDDED;

    private static volatile InfrastructureMode current;

    static InfrastructureMode current() {
        if (current == null) {
            String forced = System.getenv("LEARNSCALE_TEST_INFRA");
            current = forced != null && !forced.isBlank()
                    ? valueOf(forced.trim().toUpperCase(java.util.Locale.ROOT))
                    : dockerAvailable() ? CONTAINERS : EMBEDDED;
            System.out.println("learnscale test infrastructure: " + current);
        }
        return current;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static final class WhenContainers implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return current() == CONTAINERS;
        }
    }

    static final class WhenEmbedded implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return current() == EMBEDDED;
        }
    }
}
