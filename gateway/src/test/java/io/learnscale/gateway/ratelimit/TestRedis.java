package io.learnscale.gateway.ratelimit;

import io.learnscale.testsupport.EmbeddedServers;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Connections to this JVM's real redis-server ({@link EmbeddedServers}), for tests without an application. */
final class TestRedis {

    private TestRedis() {}

    /** Started; {@code destroy()} it when done. */
    static LettuceConnectionFactory connect() {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                "127.0.0.1", EmbeddedServers.redis().port()));
        connections.afterPropertiesSet();
        connections.start();
        return connections;
    }
}
