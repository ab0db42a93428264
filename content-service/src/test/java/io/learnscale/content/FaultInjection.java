package io.learnscale.content;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts the application's Redis and Kafka connections behind {@link Faults}' proxies, whichever way the servers
 * were provided (embedded or containers), and its DataSource behind {@link SqlLog}.
 */
@TestConfiguration(proxyBeanMethods = false)
class FaultInjection {

    @Bean
    static BeanPostProcessor faultInjectingConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataRedisConnectionDetails redis && redis.getStandalone() != null) {
                    return Faults.redisThroughProxy(redis);
                }
                if (bean instanceof KafkaConnectionDetails kafka) {
                    return Faults.kafkaThroughProxy(kafka);
                }
                if (bean instanceof DataSource dataSource && !(bean instanceof SqlLog.CountingDataSource)) {
                    return new SqlLog.CountingDataSource(dataSource);
                }
                return bean;
            }
        };
    }
}
