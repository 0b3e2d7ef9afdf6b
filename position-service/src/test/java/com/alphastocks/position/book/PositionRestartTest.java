package com.alphastocks.position.book;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.position.trading.ChargeRates;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SimulatedCrash;
import com.alphastocks.testkit.StoreLookup;
import com.alphastocks.testkit.TestDeployment;
import com.alphastocks.testkit.TestTopics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The position book as its own deployment over the real broker, stopped in the middle of a position's ticks and
 * started again with its local state wiped: the position comes back from the changelog, is still watched, and
 * closes once, whatever ticks follow; under either guarantee. And at least once, dying between recording an exit and
 * publishing it: the exit goes out once it is back (the same events again, same ids), and the position closes once.
 */
class PositionRestartTest {

    static final String PRODUCER = "position-restart-test";

    @TempDir
    Path state;

    @BeforeAll
    static void createTopics() throws Exception {
        TestTopics.ensureAll(6);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldNeitherLoseAPositionNorCloseItTwiceAcrossARestart(String guarantee) throws Exception {
        String applicationId = "position-restart-test-" + UUID.randomUUID();
        String instrument = "NIFTY25D0921900CE";
        String positionId = "pos-restart-" + guarantee;
        PositionOpened position = PositionTopologyTest.position(positionId, "sig-restart-" + guarantee, 2);
        position.setInstrument(instrument);

        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            try (KafkaStreams first = start(applicationId, guarantee, EventSerde.events(WireSettings.EMBEDDED))) {
                producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), position.getSignalId(), position)).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> watched(first, positionId));
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:00", "200"))).get();
                Thread.sleep(500);
            }
            deleteContents(state);

            try (KafkaStreams second = start(applicationId, guarantee, EventSerde.events(WireSettings.EMBEDDED))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> watched(second, positionId));
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:05", "130"))).get();
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:06", "120"))).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> !closes(positionId).isEmpty());
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:07", "110"))).get();
                Thread.sleep(1_000);
            }
        }
        List<PositionClosed> closes = closes(positionId);
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        // It was opened on the 10:00 tick before the restart: the holding time spans the restart.
        assertThat(closes.get(0).getHoldingMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void shouldPublishARecordedExitOnceItIsBackWhenTheBookDiesBeforePublishingIt() throws Exception {
        String applicationId = "position-crash-test-" + UUID.randomUUID();
        String instrument = "NIFTY25D0922000CE";
        PositionOpened position = PositionTopologyTest.position("pos-crash", "sig-crash", 2);
        position.setInstrument(instrument);
        // The events go out through this serde: it dies at the position's first position.closed, after the book recorded the exit.
        java.util.concurrent.atomic.AtomicBoolean crashOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        Serde<SpecificRecord> dyingAtThePublish = SimulatedCrash.dyingOnce(EventSerde.events(WireSettings.EMBEDDED), crashOnce,
                (topic, event) -> topic.equals(Topic.POSITION_CLOSED.topicName()), "after the book recorded an exit");

        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
             KafkaStreams book = start(applicationId, StreamsConfig.AT_LEAST_ONCE, dyingAtThePublish)) {
            producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), "sig-crash", position)).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> watched(book, "pos-crash"));
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:00", "200"))).get();
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:05", "120"))).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> !closes("pos-crash").isEmpty());
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:06", "110"))).get();
            Thread.sleep(1_000);
        }

        assertThat(crashOnce).as("the crash happened").isFalse();
        List<PositionClosed> closes = closes("pos-crash");
        assertThat(closes.stream().map(c -> c.getMetadata().getEventId()).distinct()).as("one close (a copy carries the same id)").hasSize(1);
        assertThat(closes.get(0).getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            assertThat(EventClients.readAll(reader, Topic.ORDER_PLACED.topicName()).stream().map(r -> r.value())
                    .filter(o -> o instanceof com.alphastocks.contracts.OrderPlaced p && p.getSignalId().equals("sig-crash"))
                    .map(o -> ((com.alphastocks.contracts.OrderPlaced) o).getOrderId()).distinct())
                    .as("one exit order").hasSize(1);
        }
    }

    /**
     * Live: the book is killed while a position is open, and loses its disk; meanwhile the market falls through the stop
     * and the stop resting at the broker sells. Back, the book asks the broker on the position's first tick and closes it
     * once, with the broker's fill and the right P&L, though that tick is above the stop again; nothing else is sold.
     */
    @Test
    void shouldCloseOnceWithTheBrokersFillAPositionWhoseRestingStopSoldWhileTheBookWasDown() throws Exception {
        String applicationId = "position-live-restart-test-" + UUID.randomUUID();
        String instrument = "NIFTY25D0922100CE";
        PositionOpened position = PositionTopologyTest.position("pos-live", "sig-live", 2);
        position.setInstrument(instrument);
        try (com.alphastocks.orders.StubKiteBroker broker = new com.alphastocks.orders.StubKiteBroker();
             KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED)) {
            broker.boughtElsewhere(instrument, 150);
            com.alphastocks.orders.LiveGateway live = new com.alphastocks.orders.LiveGateway(new com.alphastocks.orders.LiveGateway.Connection(
                    broker.url(), "key", "token", "NFO", "MIS", Duration.ofSeconds(2), 1, Duration.ofMillis(10), Duration.ofSeconds(1),
                    1_000, Duration.ofSeconds(30), 100));
            try (KafkaStreams first = start(applicationId, StreamsConfig.AT_LEAST_ONCE, EventSerde.events(WireSettings.EMBEDDED),
                    (ledger, quotes) -> live)) {
                producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), position.getSignalId(), position)).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> watched(first, "pos-live"));
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:00", "200"))).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> broker.stops(instrument).equals(List.of("TRIGGER PENDING 150 @ 132.4")));
            }
            deleteContents(state);
            broker.trade(instrument, "130.00");

            try (KafkaStreams second = start(applicationId, StreamsConfig.AT_LEAST_ONCE, EventSerde.events(WireSettings.EMBEDDED),
                    (ledger, quotes) -> live)) {
                // Back (its tick of 10:00 may come again first, and already close it).
                await().atMost(Duration.ofSeconds(60)).until(() -> watched(second, "pos-live") || !closes("pos-live").isEmpty());
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:05", "140"))).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> !closes("pos-live").isEmpty());
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick(instrument, "10:06", "120"))).get();
                Thread.sleep(1_000);
            }
            List<PositionClosed> closes = closes("pos-live");
            assertThat(closes).hasSize(1);
            assertThat(closes.get(0).getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
            assertThat(closes.get(0).getExitPremium()).isEqualByComparingTo("130.00");
            // Bought 150 at 189.15 (28,372.50), sold 150 at 130.00 (19,500.00): gross -8,872.50; charges of the two orders
            // 87.40 (brokerage 40, STT 19.50, exchange 16.77, SEBI 0.05, GST 10.23, stamp duty 0.85): net -8,959.90.
            assertThat(closes.get(0).getGrossPnl()).isEqualByComparingTo("-8872.50");
            assertThat(closes.get(0).getCharges()).isEqualByComparingTo("87.40");
            assertThat(closes.get(0).getNetPnl()).isEqualByComparingTo("-8959.90");
            assertThat(broker.sold(instrument)).as("sold once, by the broker's stop").isEqualTo(150);
            assertThat(broker.stops(instrument)).as("the resting stop sold; no other order").containsExactly("COMPLETE 150 @ 132.4");
            assertThat(broker.positions()).as("the account holds nothing of it").doesNotContainKey(instrument);
        }
    }

    private KafkaStreams start(String applicationId, String guarantee, Serde<SpecificRecord> wire) {
        return start(applicationId, guarantee, wire, (ledger, quotes) -> new PaperGateway(ledger, quotes, new BigDecimal("0.1")));
    }

    private KafkaStreams start(String applicationId, String guarantee, Serde<SpecificRecord> wire,
                               java.util.function.BiFunction<PaperGateway.Ledger, PaperGateway.Quotes, com.alphastocks.orders.OrderGateway> gateways) {
        return start(state, applicationId, guarantee, wire, gateways, new PositionBookProcessor.Settings(Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    /** The book as its own deployment ({@code applicationId}) over the test broker, its local state in {@code state}. */
    static KafkaStreams start(Path state, String applicationId, String guarantee, Serde<SpecificRecord> wire,
                              java.util.function.BiFunction<PaperGateway.Ledger, PaperGateway.Quotes, com.alphastocks.orders.OrderGateway> gateways,
                              PositionBookProcessor.Settings settings) {
        var topology = PositionTopology.build(new ExitEngine(new ExitEngine.Settings(PositionTopologyTest.IST, LocalTime.of(14, 30))),
                new PositionEvents(new Envelope(PRODUCER, Clock.systemUTC()), ChargeRates.NSE_OPTIONS),
                gateways,
                settings, new SimpleMeterRegistry(), 6,
                wire, new ObjectMapperSerde<>(OpenPosition.class, PositionTopologyTest.JSON),
                new ObjectMapperSerde<>(ClosedPosition.class, PositionTopologyTest.JSON),
                new ObjectMapperSerde<>(OrderResult.class, PositionTopologyTest.JSON),
                new ObjectMapperSerde<>(CloseRequest.class, PositionTopologyTest.JSON));
        // From the start of the topics: a fresh application sees the position even if it was sent before its assignment.
        return TestDeployment.of(topology, applicationId, state)
                .guarantee(guarantee)
                .commitEvery(Duration.ofMillis(100))
                .readingFrom("earliest")
                .replacingDeadThreads()
                .start();
    }

    static boolean watched(KafkaStreams streams, String positionId) {
        return StoreLookup.find(streams, PositionTopology.BOOK_STORE, positionId) != null;
    }

    static List<PositionClosed> closes(String positionId) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.POSITION_CLOSED.topicName()).stream()
                    .map(r -> (PositionClosed) r.value())
                    .filter(c -> c.getPositionId().equals(positionId) && PRODUCER.equals(c.getMetadata().getProducer()))
                    .toList();
        }
    }

    private static MarketTick tick(String instrument, String time, String price) {
        Instant at = LocalDate.of(2025, 12, 3).atTime(LocalTime.parse(time)).atZone(PositionTopologyTest.IST).toInstant();
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying("NIFTY").setOption(null)
                .setLastPrice(Decimals.of(price)).setBid(null).setAsk(null).setVolume(1000).setOpenInterest(50000)
                .setImpliedVolatility(null).setExchangeTime(at).build();
    }

    static void deleteContents(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
