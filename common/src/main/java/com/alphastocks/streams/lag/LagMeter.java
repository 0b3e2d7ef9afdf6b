package com.alphastocks.streams.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;

/**
 * Measures the lag of every consumer group on a cluster per topic, for the analytics-service's REST and metrics
 * and for {@code ./alphastocks lag}. Not thread-safe: one caller at a time.
 */
public final class LagMeter implements AutoCloseable {

    /** Gaps up to this many offsets are read to tell transaction markers from records. */
    static final int MARKER_PROBE_GAP = 8;

    private final Map<String, Object> connection;
    private final ClusterAdmin admin;
    private KafkaConsumer<String, byte[]> probe;

    public LagMeter(String bootstrap, String clientId) {
        this(KafkaConnection.plain(bootstrap), clientId);
    }

    /** On a cluster reached with these {@link KafkaConnection} settings. */
    public LagMeter(Map<String, Object> connection, String clientId) {
        this.connection = connection;
        this.admin = ClusterAdmin.on(connection, clientId);
    }

    /** The lag of every consumer group per topic, now: the groups' offsets, then one look at the topics they follow. */
    public synchronized List<ConsumerLag> measure() {
        Map<String, Set<String>> follows = new TreeMap<>();
        admin.consumerGroups().forEach(g -> follows.put(g, Set.of()));
        return measure(follows);
    }

    /**
     * The lag of the given groups on the topics they committed on and on the topics given for each, and, for a Kafka
     * Streams application, on its repartition topics ({@code <group>-...-repartition}); for a group given without
     * topics, also on the topics its members are assigned now. A group that has not committed on one of these yet (it
     * has not read it, or not started) lags by all the topic holds.
     */
    public synchronized List<ConsumerLag> measure(Map<String, Set<String>> follows) {
        Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
        Map<String, Set<String>> topicsByGroup = new HashMap<>();
        Set<String> internal = follows.values().stream().allMatch(Set::isEmpty) ? Set.of()
                : admin.topicNames().stream().filter(t -> t.endsWith("-repartition"))
                .collect(Collectors.toSet());
        Map<String, Set<String>> assigned = assignedTopics(follows.entrySet().stream().filter(g -> g.getValue().isEmpty())
                .map(Map.Entry::getKey).toList());
        for (Map.Entry<String, Set<String>> group : follows.entrySet()) {
            Map<TopicPartition, Long> committed = admin.committed(group.getKey());
            Set<String> groupTopics = new java.util.HashSet<>(group.getValue());
            if (!group.getValue().isEmpty()) {
                internal.stream().filter(t -> t.startsWith(group.getKey() + "-")).forEach(groupTopics::add);
            }
            committed.keySet().forEach(tp -> groupTopics.add(tp.topic()));
            // A group asked for without topics is asked for everything it reads: a topic a member is assigned but
            // has committed nothing on yet (a service still starting, or idle on it until now) is lag too. (Named
            // topics are all a caller waits on: no describe then, e.g. for the run's lockstep, many times a second.)
            if (group.getValue().isEmpty()) {
                groupTopics.addAll(assigned.getOrDefault(group.getKey(), Set.of()));
            }
            if (!groupTopics.isEmpty()) {
                committedByGroup.put(group.getKey(), committed);
                topicsByGroup.put(group.getKey(), groupTopics);
            }
        }
        if (committedByGroup.isEmpty()) {
            return List.of();
        }
        Set<String> topics = topicsByGroup.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<TopicPartition> partitions = admin.partitionsOf(topics);
        Map<TopicPartition, Long> ends = admin.endOffsets(partitions);
        Map<TopicPartition, Long> starts = admin.startOffsets(partitions);
        List<ConsumerLag> lags = new ArrayList<>();
        committedByGroup.forEach((group, committed) -> {
            skipMarkers(committed, ends);
            lags.addAll(ConsumerLag.of(group, topicsByGroup.get(group), committed, starts, ends));
        });
        return lags;
    }

    /**
     * The topics each group's members are assigned now, in one request; a group without members (or that cannot be
     * described) has none.
     */
    private Map<String, Set<String>> assignedTopics(List<String> groups) {
        Map<String, Set<String>> topics = new HashMap<>();
        admin.describeGroups(groups).forEach((group, description) -> topics.put(group, description.members().stream()
                .flatMap(m -> m.assignment().topicPartitions().stream()).map(TopicPartition::topic).collect(Collectors.toSet())));
        return topics;
    }

    /** Per partition of {@code topic}, its end offset now (the offset the next record will take). */
    public synchronized Map<Integer, Long> endOffsets(String topic) {
        Map<Integer, Long> ends = new TreeMap<>();
        admin.endOffsets(admin.partitionsOf(Set.of(topic))).forEach((tp, offset) -> ends.put(tp.partition(), offset));
        return ends;
    }

    /**
     * A transactional producer ends each transaction with a commit marker, which takes an offset but is no record:
     * a group that has read everything sits one short of the end. Where the gap is small, read it (read_committed)
     * and count it as caught up when no record is in it; a larger gap is reported as it is.
     */
    private void skipMarkers(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> small = new HashMap<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end != null && end > offset && end - offset <= MARKER_PROBE_GAP) {
                small.put(tp, offset);
            }
        });
        if (small.isEmpty()) {
            return;
        }
        KafkaConsumer<String, byte[]> reader = probe();
        reader.assign(small.keySet());
        small.forEach(reader::seek);
        Map<TopicPartition, Integer> records = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && small.keySet().stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < ends.get(tp)) {
                    records.merge(tp, 1, Integer::sum);
                }
            }
        }
        for (TopicPartition tp : small.keySet()) {
            if (reader.position(tp) >= ends.get(tp) && !records.containsKey(tp)) {
                committed.put(tp, ends.get(tp));
            }
        }
        reader.assign(List.of());
    }

    private KafkaConsumer<String, byte[]> probe() {
        if (probe == null) {
            probe = EventClients.reader(connection, new ByteArrayDeserializer(), Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "lag-probe",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
                    // Nothing to wait for: what is there is there now.
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
        }
        return probe;
    }

    @Override
    public synchronized void close() {
        admin.close();
        if (probe != null) {
            probe.close();
        }
    }
}
