package com.alphastocks.executor.desk;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.alphastocks.executor.market.TopicFollower;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.control.KillSwitch;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** The kill switch as every instance sees it: the latest record of the compacted executor.control topic. */
@ApplicationScoped
public class ControlFeed {

    private static final Logger LOG = Logger.getLogger(ControlFeed.class);

    private final Map<String, Object> connection;
    private final ObjectMapper json;
    private volatile KillSwitch killSwitch = KillSwitch.OFF;
    private TopicFollower<String> follower;
    private KafkaProducer<String, String> producer;

    ControlFeed(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        this.connection = KafkaConnection.of(kafka);
        this.json = json;
    }

    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /** Sets the switch for every instance and waits until the broker has it. */
    public void set(KillSwitch next) throws ExecutionException, InterruptedException, JsonProcessingException {
        producer.send(new ProducerRecord<>(Topic.EXECUTOR_CONTROL.topicName(), KillSwitch.KEY, json.writeValueAsString(next))).get();
        killSwitch = next;
    }

    void start(@Observes StartupEvent start) {
        producer = new KafkaProducer<>(KafkaConnection.client(connection, Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new StringSerializer());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaConnection.client(connection,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "executor-control-feed")), new StringDeserializer(), new StringDeserializer());
        follower = new TopicFollower<>(consumer, Topic.EXECUTOR_CONTROL.topicName(), Long.MAX_VALUE, record -> {
            if (KillSwitch.KEY.equals(record.key())) {
                try {
                    killSwitch = json.readValue(record.value(), KillSwitch.class);
                    LOG.infof("kill switch %s%s", killSwitch.on() ? "ON" : "off", killSwitch.on() ? ": " + killSwitch.refusalReason() : "");
                } catch (JsonProcessingException e) {
                    LOG.errorf("unreadable kill switch record at offset %d ignored: %s", record.offset(), e.getOriginalMessage());
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (follower != null) {
            follower.close();
        }
        if (producer != null) {
            producer.close();
        }
    }
}
