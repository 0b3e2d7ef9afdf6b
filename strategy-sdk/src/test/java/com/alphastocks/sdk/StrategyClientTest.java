package com.alphastocks.sdk;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyClientTest {

    @BeforeAll
    static void createTopics() throws Exception {
        TestTopics.ensureAll(6);
    }

    @Test
    void shouldPublishTheSignalKeyedByItsSignalIdAndReturnIt() {
        String signalId;
        try (StrategyClient rsi = StrategyClient.connect(SharedKafka.bootstrapServers(), "RSI")) {
            signalId = rsi.emitSignal(Signal.buy("NIFTY").entry("21500").stopLoss("21350").target("21700")
                    .strength("7.5").expectedMovePct("0.93").clientSignalId("sdk-1").timeframe("5min").feature("rsi", 32.5));
        }

        ConsumerRecord<String, Object> record;
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            record = EventClients.awaitRecord(reader, Topic.STRATEGY_SIGNALS.topicName(),
                    r -> "sdk-1".equals(((StrategySignal) r.value()).getClientSignalId()), Duration.ofSeconds(30)).orElseThrow();
        }
        StrategySignal sent = (StrategySignal) record.value();
        assertThat(signalId).isEqualTo(SignalIds.of(sent)).isEqualTo(sent.getMetadata().getCorrelationId());
        assertThat(record.key()).as("the signal-service takes it on its signal's partition, no re-keying hop").isEqualTo(signalId);
        assertThat(sent.getMetadata().getProducer()).isEqualTo("strategy.RSI");
        assertThat(sent.getAction()).isEqualTo(SignalAction.BUY);
        assertThat(sent.getEntryPrice()).hasToString("21500.0000");
        assertThat(sent.getFeatures()).containsEntry("rsi", 32.5);
        assertThat(sent.getMetadata().getPriority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void shouldGiveAResentSignalTheSameIdSoThatItIsARetry() {
        try (StrategyClient macd = StrategyClient.connect(SharedKafka.bootstrapServers(), "MACD")) {
            Signal signal = Signal.sell("BANKNIFTY").entry("48000").stopLoss("48300").target("47500")
                    .strength("6").expectedMovePct("1.04").clientSignalId("sdk-2").urgent();

            assertThat(macd.emitSignal(signal)).isEqualTo(macd.emitSignal(signal));
            assertThat(macd.toEvent(signal).getMetadata().getPriority()).isEqualTo(Priority.HIGH);
            assertThat(macd.toEvent(signal).getMetadata().getMarketTime()).as("none given").isNull();
            java.time.Instant candleClosed = java.time.Instant.parse("2025-12-03T05:45:00Z");
            assertThat(macd.toEvent(signal.marketTime(candleClosed)).getMetadata().getMarketTime()).isEqualTo(candleClosed);
        }
    }

    @Test
    void shouldSayWhatIsMissingBeforeSendingAnything() {
        try (StrategyClient rsi = StrategyClient.connect(SharedKafka.bootstrapServers(), "RSI")) {
            assertThatThrownBy(() -> rsi.emitSignal(Signal.buy("NIFTY").entry("21500").target("21700")))
                    .hasMessage("a signal needs stopLoss(...)");
        }
    }
}
