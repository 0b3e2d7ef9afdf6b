package com.alphastocks.streams.lag;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on a topic: the records written past its committed offsets, summed over
 * the topic's partitions (a partition it never committed counts from the start of the log).
 */
public record ConsumerLag(String group, String topic, long committed, long end, long lag) {

    /**
     * The lag of a group per topic, from its committed offsets and the topics' start and end offsets. Only the
     * topics the group committed on count; internal topics ({@code <group>-...-repartition}) included.
     */
    public static List<ConsumerLag> of(String group, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> start,
                                       Map<TopicPartition, Long> end) {
        return of(group, committed.keySet().stream().map(TopicPartition::topic).collect(java.util.stream.Collectors.toSet()),
                committed, start, end);
    }

    /** As {@link #of(String, Map, Map, Map)} for the given topics, whether the group committed on them or not yet. */
    public static List<ConsumerLag> of(String group, java.util.Set<String> topics, Map<TopicPartition, Long> committed,
                                       Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        Map<String, long[]> byTopic = new TreeMap<>();
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            TopicPartition tp = partition.getKey();
            if (!topics.contains(tp.topic())) {
                continue;
            }
            long endOffset = partition.getValue();
            long position = committed.getOrDefault(tp, start.getOrDefault(tp, 0L));
            long[] sums = byTopic.computeIfAbsent(tp.topic(), t -> new long[3]);
            sums[0] += position;
            sums[1] += endOffset;
            sums[2] += Math.max(0, endOffset - position);
        }
        return byTopic.entrySet().stream().map(e -> new ConsumerLag(group, e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }
}
