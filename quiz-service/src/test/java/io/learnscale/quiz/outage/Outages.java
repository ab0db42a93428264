package io.learnscale.quiz.outage;

import io.learnscale.testsupport.EmbeddedServers;
import io.learnscale.testsupport.KafkaProxy;
import io.learnscale.testsupport.TcpProxy;
import java.util.List;

/**
 * The shared embedded PostgreSQL, Redis and Kafka behind test-support's proxies, which tests cut, stall and restore;
 * one set per JVM. Kafka's proxy rewrites the broker addresses in metadata, so the application reaches the broker
 * only through it; tests read the topic around it.
 */
final class Outages {

    private static Outages instance;

    final TcpProxy postgres;
    final TcpProxy redis;
    final KafkaProxy kafka;

    private Outages() {
        postgres = TcpProxy.start(
                "postgres", "127.0.0.1", EmbeddedServers.postgres().server().getPort());
        redis = TcpProxy.start("redis", "127.0.0.1", EmbeddedServers.redis().port());
        kafka = KafkaProxy.start(EmbeddedServers.kafka().bootstrapServers());
    }

    static synchronized Outages get() {
        if (instance == null) {
            instance = new Outages();
        }
        return instance;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres";
    }

    /** For the test's own consumers, which must see the topic while the application cannot. */
    String kafkaDirect() {
        return kafka.upstreamBootstrapServers();
    }

    void restoreAll() {
        List.of(postgres, redis, kafka).forEach(TcpProxy::restore);
    }
}
