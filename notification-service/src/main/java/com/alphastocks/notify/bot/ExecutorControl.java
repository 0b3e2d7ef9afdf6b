package com.alphastocks.notify.bot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.control.KillSwitch;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The kill switch on the compacted executor.control topic, which every executor instance follows: read, and set. */
public final class ExecutorControl implements BotCommands.KillSwitchControl, AutoCloseable {

    private final Map<String, Object> connection;
    private final ObjectMapper json;
    private final KafkaProducer<String, String> producer;

    public ExecutorControl(Map<String, Object> connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
        this.producer = new KafkaProducer<>(KafkaConnection.client(connection, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "notification-bot-control")), new StringSerializer(), new StringSerializer());
    }

    /** The switch's latest record (a small compacted topic, read whole); off when it was never set. */
    @Override
    public KillSwitch current() throws Exception {
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(KafkaConnection.client(connection, Map.of(
                "enable.auto.commit", "false", "default.api.timeout.ms", "10000")), new StringDeserializer(), new StringDeserializer())) {
            List<ConsumerRecord<String, String>> records = EventClients.readAll(reader, Topic.EXECUTOR_CONTROL.topicName());
            String latest = null;
            for (ConsumerRecord<String, String> record : records) {
                if (KillSwitch.KEY.equals(record.key()) && record.value() != null) {
                    latest = record.value();
                }
            }
            return latest == null ? KillSwitch.OFF : json.readValue(latest, KillSwitch.class);
        }
    }

    /** On the broker before this returns: the executors stop (or resume) entries as soon as they read it. */
    @Override
    public void set(KillSwitch next) throws Exception {
        producer.send(new ProducerRecord<>(Topic.EXECUTOR_CONTROL.topicName(), KillSwitch.KEY, json.writeValueAsString(next)))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
