package com.alphastocks.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** When a service has done its work: its consumer group has committed everything its input topics hold. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Until {@code group} has committed the end of every partition of {@code topics}. */
    static void awaitCaughtUp(Admin admin, String group, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            boolean caughtUp = partitions.stream().allMatch(p -> {
                OffsetAndMetadata done = committed.get(p);
                // A committed offset may sit one past the last record: the transaction marker that follows it.
                return ends.get(p).offset() == 0 || done != null && done.offset() >= ends.get(p).offset() - 1;
            });
            if (caughtUp) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(group + " did not catch up with " + topics + " in " + timeout);
    }
}
