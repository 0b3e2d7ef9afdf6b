package com.alphastocks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameData() throws Exception {
        Path data = dir.resolve("logs");
        try (LocalKafka broker = LocalKafka.on(data, 0, Map.of()).start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("restart.check", 3, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("restart.check", "NIFTY", "21500.05")).get();
            }
        }
        assertThat(Files.exists(data.resolve("meta.properties"))).isTrue();

        try (LocalKafka broker = LocalKafka.on(data, 0, Map.of()).start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("restart.check");
                assertThat(admin.describeTopics(Set.of("restart.check")).allTopicNames().get()
                        .get("restart.check").partitions()).hasSize(3);
            }
            assertThat(readAll(broker, "restart.check", 1)).extracting(ConsumerRecord::value).containsExactly("21500.05");
        }
    }

    @Test
    void shouldRefuseToCreateTopicsOnTheFlySoThatPartitionCountsComeFromTheCatalogue() throws Exception {
        try (LocalKafka broker = LocalKafka.on(dir.resolve("logs"), 0, Map.of()).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, String> producer = producer(broker)) {
            producer.partitionsFor("not.in.catalogue");
        } catch (org.apache.kafka.common.errors.TimeoutException expected) {
            assertThat(expected.getMessage()).contains("not.in.catalogue");
            return;
        }
        throw new AssertionError("the broker created a topic nobody declared");
    }

    private static KafkaProducer<String, String> producer(LocalKafka broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> readAll(LocalKafka broker, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
