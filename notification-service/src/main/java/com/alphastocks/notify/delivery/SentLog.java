package com.alphastocks.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.alphastocks.streams.EventClients;
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
        try (KafkaConsumer<String, String> reader = EventClients.reader(connection, new StringDeserializer(), Map.of())) {
            EventClients.readAll(reader, topic).forEach(record -> keys.add(record.key()));
        }
        KafkaProducer<String, String> producer = EventClients.producer(connection, new StringSerializer(),
                Map.of(ProducerConfig.CLIENT_ID_CONFIG, "notification-sent-log"));
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
