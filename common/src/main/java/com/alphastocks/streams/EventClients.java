package com.alphastocks.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        EventSerializer values = new EventSerializer();
        values.configure(wire.serdeConfig(), false);
        return new KafkaProducer<>(p, new StringSerializer(), values);
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
        EventDeserializer events = new EventDeserializer();
        events.configure(wire.serdeConfig(), false);
        org.apache.kafka.common.serialization.Deserializer<Object> values = (topic, data) -> {
            try {
                return events.deserialize(topic, data);
            } catch (org.apache.kafka.common.errors.SerializationException poison) {
                return null;
            }
        };
        return new KafkaConsumer<>(readerProps(connection), new StringDeserializer(), values);
    }

    /** As {@link #reader}, keeping values as bytes: for the DLQ, whose records may be anything. */
    public static KafkaConsumer<String, byte[]> rawReader(String bootstrapServers) {
        return rawReader(KafkaConnection.plain(bootstrapServers));
    }

    /** As {@link #rawReader(String)}, on a cluster reached with these {@link KafkaConnection} settings. */
    public static KafkaConsumer<String, byte[]> rawReader(Map<String, Object> connection) {
        return new KafkaConsumer<>(readerProps(connection), new StringDeserializer(), new ByteArrayDeserializer());
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
                .filter(r -> r.headers().lastHeader(com.alphastocks.streams.dlq.DeadLetterShelf.REPLAY_OF) == null)
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

    private static Properties readerProps(Map<String, Object> connection) {
        Properties p = new Properties();
        p.putAll(connection);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
