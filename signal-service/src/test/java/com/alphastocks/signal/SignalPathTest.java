package com.alphastocks.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.WireMode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Over the real (shared, in-process) broker, in the embedded wire mode. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SignalPathTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, Object> strategy;

    @BeforeAll
    static void connect() {
        strategy = EventClients.producer(SharedKafka.bootstrapServers(), WireMode.EMBEDDED);
    }

    @AfterAll
    static void disconnect() {
        strategy.close();
    }

    @Test
    void shouldAnnounceAStrategySignalAsSignalGeneratedWithItsMetadata() throws Exception {
        StrategySignal sent = SignalSamples.niftyBuy("path-1");
        strategy.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", sent)).get();

        ConsumerRecord<String, Object> out = awaitGenerated("path-1");

        SignalGenerated generated = (SignalGenerated) out.value();
        assertThat(out.key()).isEqualTo(generated.getSignalId());
        assertThat(generated.getMetadata().getEventType()).isEqualTo(EventType.SIGNAL_GENERATED);
        assertThat(generated.getMetadata().getCorrelationId()).isEqualTo(generated.getSignalId());
        assertThat(generated.getMetadata().getCausationId()).isEqualTo(sent.getMetadata().getEventId());
        assertThat(generated.getMetadata().getProducer()).isEqualTo("signal-service");
        assertThat(generated.getStrategy()).isEqualTo("RSI");
        assertThat(generated.getEntryPrice()).isEqualByComparingTo("21500");
    }

    @Test
    void shouldDeadLetterARecordThatIsNotAvroAndLetTheNextSignalThrough() throws Exception {
        byte[] poison = "{\"symbol\": \"NIFTY\", \"action\": \"BUY\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(java.util.Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", poison)).get();
        }
        strategy.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", SignalSamples.niftyBuy("after-poison"))).get();

        assertThat(awaitGenerated("after-poison")).isNotNull();
        ConsumerRecord<String, byte[]> dead;
        try (KafkaConsumer<String, byte[]> dlq = EventClients.rawReader(SharedKafka.bootstrapServers())) {
            dead = EventClients.awaitRecord(dlq, Topic.DLQ.topicName(),
                    r -> java.util.Arrays.equals(r.value(), poison), WAIT).orElseThrow();
        }
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("strategy.signals");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).matches("\\d+");
        assertThat(header(dead, DeadLetters.REASON)).contains("not an AlphaStocks event");
        assertThat(header(dead, DeadLetters.SERVICE)).isEqualTo("signal-service");
        assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("1");
    }

    private static ConsumerRecord<String, Object> awaitGenerated(String clientSignalId) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.awaitRecord(reader, Topic.SIGNAL_GENERATED.topicName(),
                    r -> clientSignalId.equals(((SignalGenerated) r.value()).getClientSignalId()), WAIT)
                    .orElseThrow(() -> new AssertionError("no signal.generated for " + clientSignalId + " within " + WAIT));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
