package com.alphastocks.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;

/**
 * What this service sent, on the compacted {@link Topic#NOTIFICATIONS_SENT} topic ({@code channel:eventId}), read back
 * whole at start: a restart finds the events sent before it (whose offsets it may not have committed) and does not send
 * them again. Each send is on the topic before its event counts as done.
 */
public final class SentLog implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final int remembered;
    private final Map<String, SentIds> channels = new ConcurrentHashMap<>();
    private final List<String> loaded;

    private SentLog(KafkaProducer<String, String> producer, int remembered, List<String> loaded) {
        this.producer = producer;
        this.remembered = remembered;
        this.loaded = loaded;
    }

    /** Reads the whole log (what every channel sent), keeping the newest {@code remembered} ids of each. */
    public static SentLog load(Map<String, Object> connection, int remembered) {
        String topic = Topic.NOTIFICATIONS_SENT.topicName();
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(KafkaConnection.client(connection, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaConnection.client(connection, Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.CLIENT_ID_CONFIG, "notification-sent-log")), new StringSerializer(), new StringSerializer());
        return new SentLog(producer, remembered, keys);
    }

    /** How many sends the log held at start. */
    public int loaded() {
        return loaded.size();
    }

    /** The ids {@code channel} sent, from the log and from now on. */
    public SentIds channel(String channel) {
        return channels.computeIfAbsent(channel, name -> {
            SentIds memory = SentIds.inMemory(remembered);
            String prefix = name + ":";
            loaded.stream().filter(key -> key != null && key.startsWith(prefix)).forEach(key -> memory.add(key.substring(prefix.length())));
            return new SentIds() {
                @Override
                public boolean contains(String eventId) {
                    return memory.contains(eventId);
                }

                @Override
                public void add(String eventId) {
                    memory.add(eventId);
                    try {
                        producer.send(new ProducerRecord<>(Topic.NOTIFICATIONS_SENT.topicName(), prefix + eventId, Instant.now().toString())).get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("could not record the send of " + eventId + " on " + name + ": " + e.getCause().getMessage(), e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while recording the send of " + eventId, e);
                    }
                }
            };
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
