package io.learnscale.content;

import io.learnscale.testsupport.KafkaProxy;
import io.learnscale.testsupport.TcpProxy;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/** The proxies in front of Redis and Kafka: cut or stall them to bring an outage into a test, then restore. */
public final class Faults {

    private static TcpProxy redis;
    private static KafkaProxy kafka;

    private Faults() {}

    public static synchronized TcpProxy redis() {
        return redis;
    }

    public static synchronized KafkaProxy kafka() {
        return kafka;
    }

    /** Puts everything back: no test leaves an outage behind for the next. */
    public static synchronized void restoreAll() {
        if (redis != null) {
            redis.restore();
        }
        if (kafka != null) {
            kafka.restore();
        }
    }

    static synchronized DataRedisConnectionDetails redisThroughProxy(DataRedisConnectionDetails details) {
        DataRedisConnectionDetails.Standalone server = details.getStandalone();
        if (redis == null) {
            redis = TcpProxy.start("redis", server.getHost(), server.getPort());
        }
        TcpProxy proxy = redis;
        return new DataRedisConnectionDetails() {
            @Override
            public @Nullable String getUsername() {
                return details.getUsername();
            }

            @Override
            public @Nullable String getPassword() {
                return details.getPassword();
            }

            @Override
            public @Nullable SslBundle getSslBundle() {
                return details.getSslBundle();
            }

            @Override
            public Standalone getStandalone() {
                return Standalone.of(proxy.host(), proxy.port(), server.getDatabase());
            }
        };
    }

    static synchronized KafkaConnectionDetails kafkaThroughProxy(KafkaConnectionDetails details) {
        if (kafka == null) {
            kafka = KafkaProxy.start(String.join(",", details.getBootstrapServers()));
        }
        KafkaProxy proxy = kafka;
        return () -> List.of(proxy.bootstrapServers());
    }
}
