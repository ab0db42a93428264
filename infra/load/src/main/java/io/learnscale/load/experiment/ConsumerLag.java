package io.learnscale.load.experiment;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's lag on a topic, read from the broker like {@code kafka-consumer-groups --describe}. */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final String topic;
    private Map<TopicPartition, Long> baseline = Map.of();

    ConsumerLag(String bootstrapServers, String group, String topic) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(properties);
        this.group = group;
        this.topic = topic;
    }

    /** Remembers the end offsets now: a partition the group never committed on counts from here. */
    void markBaseline() {
        baseline = endOffsets();
    }

    /** Records written but not yet committed by the group, over all partitions. */
    long lag() {
        Map<TopicPartition, Long> ends = endOffsets();
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of group " + group, e);
        }
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long position = done != null ? done.offset() : baseline.getOrDefault(end.getKey(), 0L);
            lag += Math.max(0, end.getValue() - position);
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            List<TopicPartition> partitions =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
