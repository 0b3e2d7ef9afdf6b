package com.alphastocks.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireMode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SignalIntakeTest {

    @Inject
    MeterRegistry metrics;

    @Test
    void shouldConsumeEverySignalGeneratedFromTheBroker() throws Exception {
        Envelope signalService = new Envelope("signal-service", Clock.systemUTC());
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireMode.EMBEDDED)) {
            for (int i = 0; i < 3; i++) {
                String signalId = "intake-" + i;
                SignalGenerated signal = SignalGenerated.newBuilder()
                        .setMetadata(signalService.metadata(EventType.SIGNAL_GENERATED,
                                EventIds.derived(EventType.SIGNAL_GENERATED, signalId), signalId, null, Priority.NORMAL))
                        .setSignalId(signalId).setStrategy("MACD").setSymbol("BANKNIFTY").setAction(SignalAction.SELL)
                        .setEntryPrice(Decimals.of("48000")).setStopLoss(Decimals.of("48300")).setTarget(Decimals.of("47500"))
                        .setSignalStrength(Decimals.of("6")).setExpectedMovePct(Decimals.of("1.04")).setFeatures(Map.of())
                        .build();
                producer.send(new ProducerRecord<>(Topic.SIGNAL_GENERATED.topicName(), signalId, signal)).get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(metrics.counter("alphastocks.events.processed", "event_type", "SIGNAL_GENERATED", "strategy", "MACD").count())
                        .isEqualTo(3.0));
    }
}
