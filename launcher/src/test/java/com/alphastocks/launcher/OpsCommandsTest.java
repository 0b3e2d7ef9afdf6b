package com.alphastocks.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.OrderCancelled;
import com.alphastocks.contracts.Priority;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.EventSerializer;
import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** events, dlq list/replay and lag against the real (in-process) broker. */
class OpsCommandsTest {

    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static OpsCommands ops;
    private static KafkaProducer<String, Object> producer;

    @BeforeAll
    static void cluster() throws Exception {
        TestTopics.ensureAll(3);
        ops = new OpsCommands(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED, new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static String output() {
        String text = OUTPUT.toString(StandardCharsets.UTF_8);
        OUTPUT.reset();
        return text;
    }

    static OrderCancelled cancelled(String orderId, Instant at) {
        return OrderCancelled.newBuilder()
                .setMetadata(new Envelope("executor-service", java.time.Clock.systemUTC())
                        .metadataAt(at, EventType.ORDER_CANCELLED, "cancel-" + orderId, "s-" + orderId, null, Priority.NORMAL))
                .setOrderId(orderId).setSignalId("s-" + orderId).setReason("test").build();
    }

    @Test
    void shouldShowTheLastEventsOfATypeOldestFirst() throws Exception {
        Instant at = Instant.parse("2025-12-03T04:00:00Z");
        for (int i = 1; i <= 5; i++) {
            // Keys spread the five over the partitions; the time says which are the newest.
            producer.send(new ProducerRecord<>(Topic.ORDER_CANCELLED.topicName(), null, at.plusSeconds(i).toEpochMilli(), "k" + i,
                    cancelled("o" + i, at.plusSeconds(i)))).get();
        }

        ops.events("order-cancelled", 2);

        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("2025-12-03T04:00:04Z  k4  ").contains("\"orderId\": \"o4\"");
        assertThat(lines.get(1)).startsWith("2025-12-03T04:00:05Z  k5  ").contains("\"orderId\": \"o5\"");
        assertThatThrownBy(() -> OpsCommands.topicOf("order-misplaced")).hasMessageContaining("no event type order-misplaced");
        assertThat(List.of("trading-state", "trading.state", "TRADING_STATE_CHANGED", "trading-state-changed"))
                .allSatisfy(type -> assertThat(OpsCommands.topicOf(type)).isEqualTo(Topic.TRADING_STATE));
    }

    @Test
    void shouldListDeadLettersAndSendOneBackOnce() throws Exception {
        byte[] event;
        try (EventSerializer serializer = new EventSerializer()) {
            serializer.configure(Map.of(WireMode.CONFIG, "embedded"), false);
            event = serializer.serialize(Topic.ORDER_CANCELLED.topicName(), cancelled("dead-1", Instant.parse("2025-12-03T05:00:00Z")));
        }
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topic.DLQ.topicName(), null,
                Instant.parse("2025-12-03T03:00:00Z").toEpochMilli(), "dead-key", event);
        dead.headers().add(DeadLetters.SOURCE_TOPIC, Topic.ORDER_CANCELLED.topicName().getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.SOURCE_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.SOURCE_OFFSET, "41".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.SERVICE, "notification-service".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.ATTEMPTS, "4".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DeadLetters.REASON, "webhook: webhook answered 500".getBytes(StandardCharsets.UTF_8));
        var written = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer()).send(dead).get();
        String id = written.partition() + ":" + written.offset();

        ops.dlqList(10);
        assertThat(output()).contains(id).contains("notification-service gave up on order.cancelled@0:41 after 4 attempt(s): "
                + "webhook: webhook answered 500  (key dead-key, " + event.length + " bytes)");

        assertThat(ops.dlqReplay(List.of(id), false)).isEqualTo(1);
        assertThat(ops.dlqReplay(List.of(id), false)).as("a second replay of the same record sends nothing").isZero();
        assertThat(output()).contains(id + ": sent back to order.cancelled").contains(id + ": replayed before, skipped");
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            List<ConsumerRecord<String, Object>> back = EventClients.readAll(reader, Topic.ORDER_CANCELLED.topicName()).stream()
                    .filter(r -> r.headers().lastHeader(com.alphastocks.streams.dlq.DeadLetters.REPLAY_OF) != null).toList();
            assertThat(back).hasSize(1);
            assertThat(back.get(0).key()).isEqualTo("dead-key");
            assertThat(((OrderCancelled) back.get(0).value()).getOrderId()).isEqualTo("dead-1");
        }
        ops.dlqList(10);
        assertThat(output()).contains(id).contains("[replayed]");
        assertThat(ops.dlqReplay(List.of("9:999"), false)).isZero();
        assertThat(output()).contains("9:999: no such record in alphastocks.dlq");
    }

    @Test
    void shouldReportLagPerGroupAndTopic() throws Exception {
        String topic = Topic.ORDER_FILLED.topicName();
        producer.send(new ProducerRecord<>(topic, "k", cancelled("x", Instant.now()))).get();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers(),
                "group.id", "ops-test-behind"), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> zero = new java.util.HashMap<>();
            partitions.forEach(p -> zero.put(p, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
            consumer.commitSync(zero);
        }

        long total = ops.lag();

        assertThat(total).isGreaterThanOrEqualTo(1);
        assertThat(output()).containsPattern("ops-test-behind\\s+order\\.filled\\s+0\\s+1\\s+1");
    }
}
