package com.alphastocks.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;

/**
 * {@code ./alphastocks events|dlq|lag}: what is on the topics, what failed, who is behind. Plain Kafka clients
 * against any cluster; nothing here needs a service running.
 */
final class OpsCommands {

    /** The header a replayed record carries: the DLQ record it came from ({@code partition:offset}). */
    static final String REPLAY_OF = "dead-letter-replay-of";

    private final String bootstrap;
    private final PrintStream out;

    OpsCommands(String bootstrap, PrintStream out) {
        this.bootstrap = bootstrap;
        this.out = out;
    }

    /** The last {@code n} events of a type (oldest first, like tail), one line each: time, key, the event as JSON. */
    void events(String type, int n) {
        Topic topic = topicOf(type);
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            List<ConsumerRecord<String, Object>> last = lastRecords(reader, topic.topicName(), n);
            if (last.isEmpty()) {
                out.println("no " + topic.name() + " events on " + topic.topicName());
            }
            for (ConsumerRecord<String, Object> r : last) {
                out.println(Instant.ofEpochMilli(r.timestamp()) + "  " + r.key() + "  " + r.value());
            }
        }
    }

    /** The last {@code n} DLQ records: where each came from, which service gave up, why, and whether it went back. */
    void dlqList(int n) {
        Set<String> replayed = replayed();
        try (KafkaConsumer<String, byte[]> reader = rawReader()) {
            List<ConsumerRecord<String, byte[]>> last = lastRecords(reader, Topic.DLQ.topicName(), n);
            if (last.isEmpty()) {
                out.println("the DLQ (" + Topic.DLQ.topicName() + ") is empty");
            }
            for (ConsumerRecord<String, byte[]> r : last) {
                String id = r.partition() + ":" + r.offset();
                out.printf("%-8s %s  %s gave up on %s@%s:%s after %s attempt(s): %s  (key %s, %d bytes)%s%n", id,
                        Instant.ofEpochMilli(r.timestamp()), header(r, DeadLetters.SERVICE), header(r, DeadLetters.SOURCE_TOPIC),
                        header(r, DeadLetters.SOURCE_PARTITION), header(r, DeadLetters.SOURCE_OFFSET), header(r, DeadLetters.ATTEMPTS),
                        header(r, DeadLetters.REASON), r.key(), r.value() == null ? 0 : r.value().length,
                        replayed.contains(id) ? "  [replayed]" : "");
            }
        }
    }

    /**
     * Sends DLQ records ({@code partition:offset}, or all) back to the topic they came from, key and bytes as they
     * were, once each: a record already replayed is skipped. Returns how many went back.
     */
    int dlqReplay(List<String> ids, boolean all) throws Exception {
        ensureReplaysTopic();
        Set<String> replayed = replayed();
        Set<String> wanted = new HashSet<>(ids);
        int sent = 0;
        try (KafkaConsumer<String, byte[]> reader = rawReader();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                     new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> r : EventClients.readAll(reader, Topic.DLQ.topicName())) {
                String id = r.partition() + ":" + r.offset();
                if (!all && !wanted.remove(id)) {
                    continue;
                }
                String source = header(r, DeadLetters.SOURCE_TOPIC);
                if (replayed.contains(id)) {
                    out.println(id + ": replayed before, skipped");
                } else if (source == null) {
                    out.println(id + ": no " + DeadLetters.SOURCE_TOPIC + " header, nowhere to send it back to");
                } else {
                    // With the DLQ record's time: a replay is the same event late, not a new one.
                    ProducerRecord<String, byte[]> back = new ProducerRecord<>(source, null, r.timestamp(), r.key(), r.value());
                    back.headers().add(REPLAY_OF, id.getBytes(StandardCharsets.UTF_8));
                    producer.send(back).get();
                    producer.send(new ProducerRecord<>(Topic.DLQ_REPLAYS.topicName(), id, source.getBytes(StandardCharsets.UTF_8))).get();
                    out.println(id + ": sent back to " + source);
                    sent++;
                }
            }
        }
        wanted.forEach(id -> out.println(id + ": no such record in " + Topic.DLQ.topicName()));
        return sent;
    }

    /** Only the replays topic, if missing (one partition, the cluster's replication): the rest is the services' to create. */
    private void ensureReplaysTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            String name = Topic.DLQ_REPLAYS.topicName();
            if (!admin.listTopics().names().get().contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()).configs(Topic.DLQ_REPLAYS.config())))
                        .all().get();
            }
        }
    }

    /** The lag of every consumer group per topic; returns the total. */
    long lag() {
        try (LagMeter meter = new LagMeter(bootstrap, "alphastocks-ops")) {
            List<ConsumerLag> lags = meter.measure().stream()
                    .sorted(Comparator.comparing(ConsumerLag::group).thenComparing(ConsumerLag::topic)).toList();
            out.printf("%-44s %-40s %12s %12s %8s%n", "group", "topic", "committed", "end", "lag");
            long total = 0;
            for (ConsumerLag l : lags) {
                out.printf("%-44s %-40s %12d %12d %8d%n", l.group(), l.topic(), l.committed(), l.end(), l.lag());
                total += l.lag();
            }
            out.println("total lag: " + total);
            return total;
        }
    }

    private Set<String> replayed() {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> reader = rawReader()) {
            if (reader.partitionsFor(Topic.DLQ_REPLAYS.topicName()).isEmpty()) {
                return ids;
            }
            EventClients.readAll(reader, Topic.DLQ_REPLAYS.topicName()).forEach(r -> ids.add(r.key()));
        }
        return ids;
    }

    private KafkaConsumer<String, byte[]> rawReader() {
        return EventClients.rawReader(bootstrap);
    }

    /** The newest {@code n} records of a topic by time, oldest of them first. */
    private static <V> List<ConsumerRecord<String, V>> lastRecords(KafkaConsumer<String, V> reader, String topic, int n) {
        List<TopicPartition> partitions = reader.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.assign(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions);
        Map<TopicPartition, Long> start = reader.beginningOffsets(partitions);
        // Each partition's last n offsets (markers included) hold its newest n records or fewer; more is never needed.
        partitions.forEach(p -> reader.seek(p, Math.max(start.get(p), end.get(p) - n - 8)));
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
            reader.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<String, V> r) -> r.timestamp()).thenComparingLong(ConsumerRecord::offset));
        return records.subList(Math.max(0, records.size() - n), records.size());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** An event type as the user writes it: POSITION_CLOSED, position-closed or the topic name position.closed. */
    static Topic topicOf(String type) {
        String name = type.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        for (Topic topic : Topic.values()) {
            if (topic.eventClass() != null && (topic.name().equals(name) || topic.topicName().equals(type))) {
                return topic;
            }
        }
        throw new Main.UsageException("no event type " + type + "; types: " + java.util.Arrays.stream(Topic.values())
                .filter(t -> t.eventClass() != null).map(Enum::name).toList());
    }
}
