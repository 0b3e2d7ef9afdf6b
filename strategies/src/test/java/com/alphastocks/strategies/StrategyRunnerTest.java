package com.alphastocks.strategies;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner over the real broker: ticks in (a poison record among them), candles built, a Bollinger bounce sent as a strategy signal. */
class StrategyRunnerTest {

    private static final Instant OPEN = Instant.parse("2025-12-03T03:45:00Z");
    private static final Envelope ENVELOPE = new Envelope("test-feed", Clock.systemUTC());

    @org.junit.jupiter.api.BeforeAll
    static void topics() throws Exception {
        TestTopics.ensureAll(3);
    }

    @Test
    void shouldTurnUnderlyingTicksIntoASignalOnStrategySignals() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        try (KafkaProducer<String, Object> feed = EventClients.producer(bootstrap, WireSettings.EMBEDDED)) {
            // 22 quiet five-minute candles, one far under the lower band, one back inside, one more tick to close it;
            // an option tick among them that the runner leaves alone.
            double[] closes = new double[25];
            for (int i = 0; i < 22; i++) {
                closes[i] = 100 + (i % 2);
            }
            closes[22] = 90;
            closes[23] = 100;
            closes[24] = 100;
            for (int i = 0; i < closes.length; i++) {
                if (i == 10) {
                    // A record that is no event among the ticks: stepped over, the candles go on.
                    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                            new org.apache.kafka.common.serialization.StringSerializer(),
                            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                        raw.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", "not a tick".getBytes())).get();
                    }
                }
                Instant at = OPEN.plusSeconds(300L * i + 60);
                feed.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", tick("NIFTY", null, closes[i], at)));
                feed.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY25D0921500CE", tick("NIFTY25D0921500CE",
                        OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.of("21500"))
                                .setExpiry(java.time.LocalDate.of(2025, 12, 9)).build(), 1, at)));
            }
        }

        StrategyRunner runner = new StrategyRunner(bootstrap, "runner-test", Duration.ofMinutes(5), List.of(new BollingerStrategy("5min")));
        Thread thread = new Thread(() -> {
            try {
                runner.run();
            } catch (org.apache.kafka.common.errors.WakeupException stopped) {
                // stopped by the test
            }
        });
        thread.start();
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            ConsumerRecord<String, Object> signal = EventClients.awaitRecord(reader, Topic.STRATEGY_SIGNALS.topicName(),
                    r -> r.value() instanceof StrategySignal s && s.getStrategy().equals("BOLLINGER"), Duration.ofSeconds(60))
                    .orElseThrow(() -> new AssertionError("no BOLLINGER signal on " + Topic.STRATEGY_SIGNALS.topicName()));
            StrategySignal s = (StrategySignal) signal.value();
            assertThat(s.getSymbol()).isEqualTo("NIFTY");
            assertThat(s.getAction().name()).isEqualTo("BUY");
            assertThat(s.getEntryPrice()).isEqualByComparingTo("100");
            assertThat(s.getClientSignalId()).isEqualTo("BOLLINGER-NIFTY-" + OPEN.plusSeconds(300L * 23).getEpochSecond());
            assertThat(s.getFeatures()).containsKeys("bb_lower", "atr");
        } finally {
            runner.stop();
            thread.join(10_000);
            runner.close();
        }
        // One signal for NIFTY (the other test's FINNIFTY ticks may be on the topic too, with their own).
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            assertThat(EventClients.readAll(reader, Topic.STRATEGY_SIGNALS.topicName()).stream().map(ConsumerRecord::value)
                    .map(StrategySignal.class::cast).filter(sig -> sig.getSymbol().equals("NIFTY"))).hasSize(1);
        }
    }

    @Test
    void shouldRebuildItsCandlesAfterARestartAndSendOnlyWhatIsNew() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String group = "runner-restart-test";
        // 22 quiet candles and the dip, read by a first runner; it stops before the candle back inside the band.
        try (KafkaProducer<String, Object> feed = EventClients.producer(bootstrap, WireSettings.EMBEDDED)) {
            for (int i = 0; i < 23; i++) {
                double close = i == 22 ? 90 : 100 + (i % 2);
                feed.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "FINNIFTY",
                        tick("FINNIFTY", "FINNIFTY", null, close, OPEN.plusSeconds(300L * i + 60)))).get();
            }
        }
        StrategyRunner first = new StrategyRunner(bootstrap, group, Duration.ofMinutes(5), List.of(new BollingerStrategy("5min")));
        runUntilCaughtUp(first, bootstrap, group);
        assertThat(finniftySignals(bootstrap)).isEmpty();

        try (KafkaProducer<String, Object> feed = EventClients.producer(bootstrap, WireSettings.EMBEDDED)) {
            for (int i = 23; i < 25; i++) {
                feed.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "FINNIFTY",
                        tick("FINNIFTY", "FINNIFTY", null, 100, OPEN.plusSeconds(300L * i + 60)))).get();
            }
        }
        // A second runner in the same group knows the bands only if it rebuilt them from the ticks the first one read.
        StrategyRunner second = new StrategyRunner(bootstrap, group, Duration.ofMinutes(5), List.of(new BollingerStrategy("5min")));
        runUntilCaughtUp(second, bootstrap, group);

        // Nothing the first one read is sent again (the other test's NIFTY ticks, if they are on the topic, neither).
        assertThat(second.signalsSent()).isEqualTo(1);
        List<StrategySignal> finnifty = finniftySignals(bootstrap);
        assertThat(finnifty).hasSize(1);
        assertThat(finnifty.get(0).getClientSignalId()).isEqualTo("BOLLINGER-FINNIFTY-" + OPEN.plusSeconds(300L * 23).getEpochSecond());
    }

    private static List<StrategySignal> finniftySignals(String bootstrap) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            return EventClients.readAll(reader, Topic.STRATEGY_SIGNALS.topicName()).stream()
                    .map(ConsumerRecord::value).map(StrategySignal.class::cast).filter(sig -> sig.getSymbol().equals("FINNIFTY")).toList();
        }
    }

    /** Runs the runner until its group has committed every tick on the topic, then stops it. */
    private static void runUntilCaughtUp(StrategyRunner runner, String bootstrap, String group) throws Exception {
        Thread thread = new Thread(() -> {
            try {
                runner.run();
            } catch (org.apache.kafka.common.errors.WakeupException stopped) {
                // stopped by the test
            }
        });
        thread.start();
        try (LagMeter lag = new LagMeter(bootstrap, "runner-test-lag")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<String, java.util.Set<String>> follows = Map.of(group, java.util.Set.of(Topic.MARKET_TICKS.topicName()));
            while (lag.measure(follows).stream().mapToLong(ConsumerLag::lag).sum() > 0) {
                assertThat(System.nanoTime()).as("runner caught up within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            runner.stop();
            thread.join(10_000);
            runner.close();
        }
    }

    private static MarketTick tick(String instrument, OptionContract option, double price, Instant at) {
        return tick(instrument, "NIFTY", option, price, at);
    }

    private static MarketTick tick(String instrument, String underlying, OptionContract option, double price, Instant at) {
        return MarketTick.newBuilder()
                .setMetadata(ENVELOPE.metadataAt(at, EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying(underlying).setOption(option).setLastPrice(Decimals.scaled(BigDecimal.valueOf(price)))
                .setBid(null).setAsk(null).setVolume(1).setOpenInterest(1).setImpliedVolatility(null).setExchangeTime(at).build();
    }
}
