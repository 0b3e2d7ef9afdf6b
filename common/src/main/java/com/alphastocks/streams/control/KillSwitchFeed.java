package com.alphastocks.streams.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.TopicFollower;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kill switch as a process sees it and sets it: it follows the compacted executor.control topic (its latest
 * {@link KillSwitch#KEY} record; off when never set) and writes there. The executor's desk reads {@link #current()} on
 * every signal; the Telegram bot asks {@link #latest} (one round trip, so that it never answers with a switch older
 * than its question).
 */
public final class KillSwitchFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KillSwitchFeed.class);

    private final ObjectMapper json;
    private final KafkaProducer<String, String> producer;
    private final TopicFollower<String> follower;
    private volatile KillSwitch current = KillSwitch.OFF;

    /** @param clientId names this process's clients of the topic (e.g. executor-control) */
    public KillSwitchFeed(Map<String, Object> connection, ObjectMapper json, String clientId) {
        this.json = json;
        this.producer = new KafkaProducer<>(KafkaConnection.client(connection, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, clientId + "-set")), new StringSerializer(), new StringSerializer());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaConnection.client(connection,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId)), new StringDeserializer(), new StringDeserializer());
        KafkaConsumer<byte[], byte[]> ends = new KafkaConsumer<>(KafkaConnection.client(connection,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-ends")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.follower = new TopicFollower<>(consumer, ends, Topic.EXECUTOR_CONTROL.topicName(), Long.MAX_VALUE, record -> {
            if (KillSwitch.KEY.equals(record.key()) && record.value() != null) {
                try {
                    current = json.readValue(record.value(), KillSwitch.class);
                    LOG.infof("kill switch %s%s", current.on() ? "ON" : "off", current.on() ? ": " + current.refusalReason() : "");
                } catch (JsonProcessingException e) {
                    LOG.errorf("unreadable kill switch record at offset %d ignored: %s", record.offset(), e.getOriginalMessage());
                }
            }
        });
    }

    /** The switch as read so far. */
    public KillSwitch current() {
        return current;
    }

    /** The switch once every record the topic holds now is read (at most {@code atMost}; as read so far after that). */
    public KillSwitch latest(Duration atMost) {
        if (!follower.catchUp(atMost)) {
            LOG.warnf("executor.control could not be read to its end in %d ms: the kill switch as read so far", atMost.toMillis());
        }
        return current;
    }

    /** Sets the switch for every process that follows it, and waits until the broker has it. */
    public void set(KillSwitch next) throws Exception {
        producer.send(new ProducerRecord<>(Topic.EXECUTOR_CONTROL.topicName(), KillSwitch.KEY, json.writeValueAsString(next)))
                .get(10, TimeUnit.SECONDS);
        current = next;
    }

    @Override
    public void close() {
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }
}
