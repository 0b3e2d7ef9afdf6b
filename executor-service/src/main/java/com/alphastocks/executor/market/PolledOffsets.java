package com.alphastocks.executor.market;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group's polls have come on each partition in this JVM: a consumer interceptor (on the order desk's
 * Kafka Streams consumer) that remembers, per group and partition, the offset after the last record a poll returned.
 * Every record below it was on the broker before that poll returned, so before anything the desk asks the broker while
 * it handles them: one market catch-up then serves every signal the poll brought ({@link MarketFeed#catchUp}).
 */
public final class PolledOffsets<K, V> implements ConsumerInterceptor<K, V> {

    private static final Map<String, Long> UP_TO = new ConcurrentHashMap<>();

    private String group;

    /** The offset after the last record {@code group}'s polls returned on {@code partition} here; {@code atLeast} if more. */
    public static long upTo(String group, TopicPartition partition, long atLeast) {
        return Math.max(atLeast, UP_TO.getOrDefault(key(group, partition), atLeast));
    }

    private static String key(String group, TopicPartition partition) {
        return group + "/" + partition.topic() + "/" + partition.partition();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        group = String.valueOf(configs.get(ConsumerConfig.GROUP_ID_CONFIG));
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        for (TopicPartition partition : records.partitions()) {
            var polled = records.records(partition);
            UP_TO.merge(key(group, partition), polled.get(polled.size() - 1).offset() + 1, Math::max);
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // nothing to do
    }

    @Override
    public void close() {
        // nothing to hold
    }
}
