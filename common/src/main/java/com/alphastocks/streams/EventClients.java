package com.alphastocks.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.alphastocks.streams.wire.EventDeserializer;
import com.alphastocks.streams.wire.EventSerializer;
import com.alphastocks.streams.wire.WireSettings;

/** Plain Kafka clients speaking the contracts: for tools outside the services (the launcher, benchmarks, tests) and a service's read-back at start. */
public final class EventClients {

    private EventClients() {
    }

    public static KafkaProducer<String, Object> producer(String bootstrapServers, WireSettings wire) {
        return producer(bootstrapServers, wire, 0);
    }

    /** As {@link #producer(String, WireSettings)}, waiting up to {@code lingerMs} to fill a batch. */
    public static KafkaProducer<String, Object> producer(String bootstrapServers, WireSettings wire, int lingerMs) {
        return producer(KafkaConnection.plain(bootstrapServers), serializer(wire), Map.of(ProducerConfig.LINGER_MS_CONFIG, lingerMs));
    }

    /**
     * The project's one plain producer: String keys; every send acknowledged by all in-sync replicas, idempotent (a
     * retry never writes a record twice), sent at once (no linger); {@code own} settings on top (a client id, a linger).
     */
    public static <V> KafkaProducer<String, V> producer(Map<String, Object> connection, Serializer<V> values, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.putAll(own);
        return new KafkaProducer<>(KafkaConnection.client(connection, settings), new StringSerializer(), values);
    }

    /**
     * The project's one plain consumer in a group: String keys; committed records only; where the group has no offset
     * yet, from the start; its offsets committed by the caller, after the records are handled.
     */
    public static <V> KafkaConsumer<String, V> groupConsumer(Map<String, Object> connection, String group, Deserializer<V> values,
                                                            Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(readerSettings());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.putAll(own);
        return new KafkaConsumer<>(KafkaConnection.client(connection, settings), new StringDeserializer(), values);
    }

    /** Events written as {@code wire} says (embedded, or framed for the registry). */
    public static Serializer<Object> serializer(WireSettings wire) {
        EventSerializer values = new EventSerializer();
        values.configure(wire.serdeConfig(), false);
        return values;
    }

    /** Events read as {@code wire} says (both framings). */
    public static Deserializer<Object> deserializer(WireSettings wire) {
        EventDeserializer events = new EventDeserializer();
        events.configure(wire.serdeConfig(), false);
        return events;
    }

    /** As {@link #deserializer}, reading a record that is no event (poison, which the services dead-letter) as null. */
    public static Deserializer<Object> tolerantDeserializer(WireSettings wire) {
        Deserializer<Object> events = deserializer(wire);
        return (topic, data) -> {
            try {
                return events.deserialize(topic, data);
            } catch (org.apache.kafka.common.errors.SerializationException poison) {
                return null;
            }
        };
    }

    /** As {@link #reader(String, WireSettings)}, for topics without registry-framed records. */
    public static KafkaConsumer<String, Object> reader(String bootstrapServers) {
        return reader(bootstrapServers, WireSettings.EMBEDDED);
    }

    /**
     * Reads a whole topic from the beginning without joining a consumer group, decoding events (registry-framed ones
     * through the registry of {@code wire}); a record that is no event (poison, which the services dead-letter) reads as
     * a null value instead of stopping the reader.
     */
    public static KafkaConsumer<String, Object> reader(String bootstrapServers, WireSettings wire) {
        return reader(KafkaConnection.plain(bootstrapServers), wire);
    }

    /** As {@link #reader(String, WireSettings)}, on a cluster reached with these {@link KafkaConnection} settings (a service's). */
    public static KafkaConsumer<String, Object> reader(Map<String, Object> connection, WireSettings wire) {
        return reader(connection, tolerantDeserializer(wire), Map.of());
    }

    /** As {@link #reader}, keeping values as bytes: for the DLQ, whose records may be anything. */
    public static KafkaConsumer<String, byte[]> rawReader(String bootstrapServers) {
        return rawReader(KafkaConnection.plain(bootstrapServers));
    }

    /** As {@link #rawReader(String)}, on a cluster reached with these {@link KafkaConnection} settings. */
    public static KafkaConsumer<String, byte[]> rawReader(Map<String, Object> connection) {
        return reader(connection, new ByteArrayDeserializer(), Map.of());
    }

    /**
     * The project's one group-less reader (the caller assigns it partitions, as {@link #readAll} does): String keys,
     * committed records only, from the start; {@code own} settings on top.
     */
    public static <V> KafkaConsumer<String, V> reader(Map<String, Object> connection, Deserializer<V> values, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(readerSettings());
        settings.putAll(own);
        return new KafkaConsumer<>(KafkaConnection.client(connection, settings), new StringDeserializer(), values);
    }

    /** Polls {@code topic} from its start until a record satisfies {@code wanted}; empty when none did in time. */
    public static <V> Optional<ConsumerRecord<String, V>> awaitRecord(KafkaConsumer<String, V> consumer, String topic,
            Predicate<ConsumerRecord<String, V>> wanted, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
                if (wanted.test(record)) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }

    /** Every record {@code topic} holds now, read from its start to the end offsets of this moment. */
    public static <V> List<ConsumerRecord<String, V>> readAll(KafkaConsumer<String, V> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records;
    }

    /**
     * The events a topic holds now, of its contract, each once: poison and events of another contract (the DLQ's business)
     * are left out, and so are DLQ replays (copies of a record the topic already had, for the service that gave up on it).
     */
    public static <V> List<V> events(KafkaConsumer<String, Object> reader, Topic<V> topic) {
        Class<V> type = topic.eventClass();
        return readAll(reader, topic.topicName()).stream()
                .filter(r -> r.headers().lastHeader(com.alphastocks.streams.dlq.DeadLetters.REPLAY_OF) == null)
                .map(ConsumerRecord::value).filter(type::isInstance).map(type::cast).toList();
    }

    /** The newest {@code n} records of a topic by time, oldest of them first. */
    public static <V> List<ConsumerRecord<String, V>> lastRecords(KafkaConsumer<String, V> reader, String topic, int n) {
        List<TopicPartition> partitions = reader.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.assign(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions);
        Map<TopicPartition, Long> start = reader.beginningOffsets(partitions);
        // Each partition's newest n records lie in its last n offsets, a few transaction markers aside.
        partitions.forEach(p -> reader.seek(p, Math.max(start.get(p), end.get(p) - n - 8)));
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
            reader.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        records.sort(java.util.Comparator.comparingLong((ConsumerRecord<String, V> r) -> r.timestamp()).thenComparingLong(ConsumerRecord::offset));
        return new ArrayList<>(records.subList(Math.max(0, records.size() - n), records.size()));
    }

    /** How many records {@code topic} holds now, read one by one: exact also where transactions leave markers. */
    public static long recordCount(KafkaConsumer<String, ?> consumer, String topic) {
        return readAll(consumer, topic).size();
    }

    /**
     * The span of offsets {@code topic} holds now, over all its partitions: cheap, and equal to the number of records
     * only for a topic written without transactions (each commit marker takes an offset too).
     */
    public static long offsetSpan(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        return partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
    }

    private static Map<String, Object> readerSettings() {
        return Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
}
