package com.alphastocks.streams.dlq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * A DLQ replay goes back to its source topic, where every group that reads the topic meets it again; but only the
 * service that gave up on it should handle it again (the others handled the original). This consumer interceptor,
 * on every service's consumers, drops the replays addressed to another service ({@link DeadLetters#REPLAY_FOR})
 * before the service sees them; their offsets are consumed as any other.
 */
public class ReplayAddressee<K, V> implements ConsumerInterceptor<K, V> {

    private byte[] service;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(DeadLetters.SERVICE_CONFIG);
        if (name == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs " + DeadLetters.SERVICE_CONFIG
                    + " (the service's name) in the consumer's configuration");
        }
        service = name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> kept = new HashMap<>();
        boolean dropped = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> ours = new ArrayList<>();
            for (ConsumerRecord<K, V> record : records.records(partition)) {
                if (forThisService(record)) {
                    ours.add(record);
                } else {
                    dropped = true;
                }
            }
            if (!ours.isEmpty()) {
                kept.put(partition, ours);
            }
        }
        return dropped ? new ConsumerRecords<>(kept, records.nextOffsets()) : records;
    }

    private boolean forThisService(ConsumerRecord<K, V> record) {
        Header addressee = record.headers().lastHeader(DeadLetters.REPLAY_FOR);
        return addressee == null || java.util.Arrays.equals(addressee.value(), service);
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
