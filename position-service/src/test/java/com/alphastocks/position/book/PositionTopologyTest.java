package com.alphastocks.position.book;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.ReconciliationBreak;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.contracts.TradeExit;
import com.alphastocks.orders.LiveGateway;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.orders.StubKiteBroker;
import com.alphastocks.position.trading.ChargeRates;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The position book without a broker, paper exits (0.1 % slippage, at the bid, down to the tick): the
 * CONSERVATIVE position of {@code ExitEngineTest} (150 NIFTY 21500 CE at 189.15) on Wednesday 3 Dec 2025.
 */
class PositionTopologyTest {

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final String OPTION = "NIFTY25D0921500CE";
    static final String PUT = "NIFTY25D0921500PE";

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> opened;
    private TestInputTopic<String, SpecificRecord> ticks;
    private TestInputTopic<String, CloseRequest> closes;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        start((ledger, quotes) -> new PaperGateway(ledger, quotes, new BigDecimal("0.1")), 6);
    }

    private void start(java.util.function.BiFunction<PaperGateway.Ledger, PaperGateway.Quotes, OrderGateway> gateways, int partitions) {
        var events = EventSerde.events(WireSettings.EMBEDDED);
        var topology = PositionTopology.build(new ExitEngine(new ExitEngine.Settings(IST, LocalTime.of(14, 30))),
                new PositionEvents(new Envelope("position-service", Clock.systemUTC()), ChargeRates.NSE_OPTIONS),
                gateways,
                new PositionBookProcessor.Settings(Duration.ofSeconds(30), Duration.ofSeconds(60)), meters, partitions, events,
                new ObjectMapperSerde<>(OpenPosition.class, JSON), new ObjectMapperSerde<>(ClosedPosition.class, JSON),
                new ObjectMapperSerde<>(OrderResult.class, JSON), new ObjectMapperSerde<>(CloseRequest.class, JSON));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "position-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(topology, props);
        opened = driver.createInputTopic(Topic.POSITION_OPENED.topicName(), Serdes.String().serializer(), events.serializer());
        ticks = driver.createInputTopic(Topic.MARKET_TICKS.topicName(), Serdes.String().serializer(), events.serializer());
        closes = driver.createInputTopic(Topic.POSITION_CONTROL.topicName(), Serdes.String().serializer(),
                new ObjectMapperSerde<>(CloseRequest.class, JSON).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldBookSixtyPercentAtTheFirstTargetTheRestAtTheSecondAndCloseWithTheNetPnl() {
        opened.pipeInput("sig-1", position("pos-1", "sig-1", 2));
        tick("10:00", "200", "199.90", "200.10");
        tick("10:10", "274.25", "274.20", "274.30");
        tick("10:20", "321.55", "321.50", "321.60");

        List<TradeExit> exits = values(Topic.TRADE_EXIT, TradeExit.class);
        // 274.20 x 0.999 = 273.926 -> 273.90; 321.50 x 0.999 = 321.179 -> 321.15
        assertThat(exits).extracting(TradeExit::getQuantity, e -> e.getPrice().toPlainString(), TradeExit::getExitReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(75, "273.9000", ExitReason.PARTIAL_TARGET),
                        org.assertj.core.groups.Tuple.tuple(75, "321.1500", ExitReason.TARGET));
        PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
        // Sold 44,628.75 for 28,372.50: gross 16,256.25; charges of 3 orders 146.54; net 16,109.71.
        assertThat(closed.getGrossPnl()).isEqualByComparingTo("16256.25");
        assertThat(closed.getCharges()).isEqualByComparingTo("146.54");
        assertThat(closed.getNetPnl()).isEqualByComparingTo("16109.71");
        assertThat(closed.getExitPremium()).isEqualByComparingTo("297.525");
        assertThat(closed.getExitReason()).isEqualTo(ExitReason.TARGET);
        assertThat(closed.getHoldingMillis()).isEqualTo(Duration.ofMinutes(20).toMillis());
        SignalCompleted completed = values(Topic.SIGNAL_COMPLETED, SignalCompleted.class).get(0);
        assertThat(completed.getProfitLossPct()).isEqualByComparingTo("56.7793");
        assertThat(completed.getMetadata().getPriority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void shouldTimeHowLongATickWaitedBeforeTheBookTookIt() {
        opened.pipeInput("sig-1", position("pos-1", "sig-1", 2));
        // Sent 5 s before this test's wall clock (the driver's, fixed at its start, a moment ago): the book took it ~5 s late.
        Instant sent = Instant.now().minusSeconds(5);
        ticks.pipeInput(OPTION, tickAt("10:00", "200", "199.90", "200.10"), sent);

        io.micrometer.core.instrument.Timer age = meters.get(PositionBookProcessor.TICK_AGE).timer();
        assertThat(age.count()).as("ticks, not openings").isEqualTo(1);
        assertThat(age.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(3_000.0, 5_000.0);
    }

    @Test
    void shouldSellBothPartsOnOneTickThroughBothTargets() {
        opened.pipeInput("sig-7", position("pos-7", "sig-7", 2));
        tick("10:00", "200", "199.90", "200.10");
        tick("10:05", "330", "329.90", "330.10");

        // Both resting targets (274.25 for 75, 321.55 for the rest) fill on the tick: 329.90 x 0.999 = 329.57 -> 329.55.
        List<TradeExit> exits = values(Topic.TRADE_EXIT, TradeExit.class);
        assertThat(exits).extracting(TradeExit::getQuantity, e -> e.getPrice().toPlainString(), TradeExit::getExitReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(75, "329.5500", ExitReason.PARTIAL_TARGET),
                        org.assertj.core.groups.Tuple.tuple(75, "329.5500", ExitReason.TARGET));
        assertThat(exits).extracting(TradeExit::getOrderId).doesNotHaveDuplicates();
        List<PositionClosed> closed = values(Topic.POSITION_CLOSED, PositionClosed.class);
        assertThat(closed).hasSize(1);
        // Sold 150 x 329.55 = 49,432.50 for 150 x 189.15 = 28,372.50.
        assertThat(closed.get(0).getGrossPnl()).isEqualByComparingTo("21060.00");
        assertThat(closed.get(0).getExitReason()).isEqualTo(ExitReason.TARGET);
        assertThat(closed.get(0).getHoldingMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());

        tick("10:10", "400", "399.90", "400.10");
        assertThat(values(Topic.TRADE_EXIT, TradeExit.class)).as("nothing left to sell").isEmpty();
    }

    @Test
    void shouldExitAGapThroughTheStopAtTheTicksPriceNotTheStopsAndStopTheSignal() {
        opened.pipeInput("sig-2", position("pos-2", "sig-2", 2));
        tick("10:00", "185", "184.90", "185.10");
        tick("10:01", "120", "119.90", "120.10");

        TradeExit exit = values(Topic.TRADE_EXIT, TradeExit.class).get(0);
        // Stop 132.40; the tick at 120 fills at 119.90 x 0.999 = 119.78 -> 119.75.
        assertThat(exit.getPrice()).isEqualByComparingTo("119.75");
        PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
        assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(closed.getGrossPnl()).isEqualByComparingTo("-10410.00");
        assertThat(closed.getNetPnl()).isEqualByComparingTo("-10495.22");
        assertThat(values(Topic.SIGNAL_STOPPED, SignalStopped.class)).hasSize(1);
    }

    @Test
    void shouldNeverWatchAPositionTwiceNorCloseItTwice() {
        PositionOpened position = position("pos-3", "sig-3", 2);
        opened.pipeInput("sig-3", position);
        opened.pipeInput("sig-3", position);
        tick("10:00", "120", "119.90", "120.10");
        opened.pipeInput("sig-3", position);
        tick("10:01", "110", "109.90", "110.10");

        assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class)).hasSize(1);
        assertThat(values(Topic.ORDER_PLACED, SpecificRecord.class)).hasSize(1);
    }

    @Test
    void shouldKeepEachPositionOfABusyStrikeAsItsOwnEntryAndCloseThemAllOnOneTick() {
        // A backlog of signals puts thousands of positions on one strike: kept as one value per instrument, the book of
        // that strike grew past a megabyte (~350 bytes a position) and its changelog write failed (RecordTooLargeException),
        // stopping the service; each open and exit rewrote the whole value. One entry per position, whatever is open beside it.
        int positions = 200;
        for (int i = 0; i < positions; i++) {
            opened.pipeInput("sig-busy-" + i, position("pos-busy-" + i, "sig-busy-" + i, 2));
        }
        KeyValueStore<String, OpenPosition> book = driver.getKeyValueStore(PositionTopology.BOOK_STORE);
        assertThat(book.approximateNumEntries()).isEqualTo(positions);
        assertThat(book.get("pos-busy-123").instrument()).isEqualTo(OPTION);

        tick("10:01", "120", "119.90", "120.10");

        List<PositionClosed> closed = values(Topic.POSITION_CLOSED, PositionClosed.class);
        assertThat(closed).hasSize(positions).allSatisfy(c -> assertThat(c.getExitReason()).isEqualTo(ExitReason.STOP_LOSS));
        assertThat(closed).extracting(PositionClosed::getPositionId).doesNotHaveDuplicates();
        try (var left = book.all()) {
            assertThat(left.hasNext()).isFalse();
        }
    }

    @Test
    void shouldCloseByHandAtTheMarket() {
        opened.pipeInput("sig-4", position("pos-4", "sig-4", 2));
        tick("10:00", "200", "199.90", "200.10");

        closes.pipeInput(OPTION, new CloseRequest("pos-4", "desk", Instant.now()));

        PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
        assertThat(closed.getExitReason()).isEqualTo(ExitReason.MANUAL);
        // 199.90 x 0.999 = 199.70
        assertThat(closed.getExitPremium()).isEqualByComparingTo("199.70");
    }

    @Test
    void shouldMarkAnOpenPositionAndMoveItsTrailingStop() {
        opened.pipeInput("sig-5", position("pos-5", "sig-5", 2));
        tick("10:00", "200", "199.90", "200.10");
        tick("10:00:10", "240", "239.90", "240.10");

        var updates = values(Topic.POSITION_UPDATED, com.alphastocks.contracts.PositionUpdated.class);
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getUnrealizedPnl()).isEqualByComparingTo("1627.50");   // (200 - 189.15) x 150
        assertThat(updates.get(1).getStopLossPremium()).isEqualByComparingTo("214.60");  // trailing: half of 240 - 189.15 kept
    }

    @Test
    void shouldTakeATickOfTheEntrysMarketMetAfterTheOpeningAsThePositionsPastNotAMove() {
        PositionOpened position = position("pos-7", "sig-7", 2);
        position.setEnteredAt(LocalDate.of(2025, 12, 3).atTime(10, 0).atZone(IST).toInstant());
        opened.pipeInput("sig-7", position);
        // Through the stop (132.40), but from the market the entry filled on: no exit, no mark.
        tick("10:00", "120", "119.90", "120.10");
        assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class)).isEmpty();
        assertThat(values(Topic.POSITION_UPDATED, com.alphastocks.contracts.PositionUpdated.class)).isEmpty();

        tick("10:00:05", "120", "119.90", "120.10");
        PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
        assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(closed.getHoldingMillis()).as("held from its first tick after the entry").isZero();
    }

    @Test
    void shouldRaiseAHighPriorityAlertOnceWhenAPositionHearsNoTicks() {
        opened.pipeInput("sig-6", position("pos-6", "sig-6", 2));
        tick("10:00", "200", "199.90", "200.10");
        values(Topic.POSITION_UPDATED, com.alphastocks.contracts.PositionUpdated.class);

        driver.advanceWallClockTime(Duration.ofSeconds(70));
        driver.advanceWallClockTime(Duration.ofSeconds(70));

        var alerts = values(Topic.POSITION_UPDATED, com.alphastocks.contracts.PositionUpdated.class);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getAlert()).isEqualTo("no ticks for NIFTY25D0921500CE in 60 s");
        assertThat(alerts.get(0).getMetadata().getPriority()).isEqualTo(Priority.HIGH);
    }

    /** Live trading against a local stand-in of a Kite-style broker, which fills market orders at 130.00 unless told. */
    private StubKiteBroker live() throws java.io.IOException {
        driver.close();
        StubKiteBroker broker = new StubKiteBroker();
        broker.fillPrice = "130.00";
        LiveGateway gateway = new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "token", "NFO", "MIS", Duration.ofSeconds(2),
                1, Duration.ofMillis(10), Duration.ofSeconds(1), 1_000, Duration.ofSeconds(30), 100));
        // One partition: this book answers for every instrument the broker holds.
        start((ledger, quotes) -> gateway, 1);
        return broker;
    }

    @Test
    void shouldReportABreakWithTheBrokersPositionsOnceItIsSeenTwice() throws Exception {
        try (StubKiteBroker broker = live()) {
            broker.boughtElsewhere(OPTION, 150);   // the entry, as the executor bought it
            opened.pipeInput("sig-26", position("pos-26", "sig-26", 2));
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(values(Topic.RECONCILIATION_BREAKS, ReconciliationBreak.class)).as("the book and the broker agree").isEmpty();

            // Someone buys a put in the broker's app: nothing watches it, nothing stops it.
            broker.boughtElsewhere(PUT, 75);
            driver.advanceWallClockTime(Duration.ofSeconds(60));
            assertThat(values(Topic.RECONCILIATION_BREAKS, ReconciliationBreak.class)).as("seen once: maybe an entry on its way").isEmpty();
            driver.advanceWallClockTime(Duration.ofSeconds(5));

            List<ReconciliationBreak> breaks = values(Topic.RECONCILIATION_BREAKS, ReconciliationBreak.class);
            assertThat(breaks).hasSize(1);
            assertThat(breaks.get(0).getDetail()).isEqualTo("the broker holds 75 of " + PUT + "; the book holds none");
            assertThat(breaks.get(0).getBrokerQuantity()).isEqualTo(75);
            assertThat(breaks.get(0).getMetadata().getPriority()).isEqualTo(Priority.CRITICAL);
            driver.advanceWallClockTime(Duration.ofSeconds(60));
            driver.advanceWallClockTime(Duration.ofSeconds(60));
            assertThat(values(Topic.RECONCILIATION_BREAKS, ReconciliationBreak.class)).as("told once").isEmpty();

            // The broker stops answering, then answers again: reconciled at once, and a new break is told.
            broker.boughtElsewhere(OPTION, -75);
            broker.failNext.set(Integer.MAX_VALUE);
            driver.advanceWallClockTime(Duration.ofSeconds(60));
            broker.failNext.set(0);
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(values(Topic.RECONCILIATION_BREAKS, ReconciliationBreak.class)).extracting(ReconciliationBreak::getDetail)
                    .containsExactly("the book holds " + OPTION + ": 150 (pos-26); the broker holds 75");
        }
    }

    @Test
    void shouldAdoptAnExitTheBrokerFilledUnheardRatherThanSellAgain() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-27", position("pos-27", "sig-27", 2));
            tick("10:00", "200", "199.90", "200.10");
            // The stop is hit; the exit order reaches the broker and fills, then the connection drops and the broker is gone.
            broker.hangUpAfterPlacing = true;
            broker.downAfterPlacing = true;
            tick("10:00:01", "129", "128.90", "129.10");
            assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class)).isEmpty();

            broker.failNext.set(0);
            tick("10:00:02", "128", "127.90", "128.10");

            PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
            assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
            assertThat(closed.getExitPremium()).isEqualByComparingTo("130.00");
            assertThat(broker.sold(OPTION)).as("sold once").isEqualTo(150);
        }
    }

    @Test
    void shouldRestTheStopAtTheBrokerAndMoveItWithTheTrailingStop() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-20", position("pos-20", "sig-20", 2));
            assertThat(broker.stops(OPTION)).containsExactly("TRIGGER PENDING 150 @ 132.4");

            tick("10:00", "200", "199.90", "200.10");
            tick("10:00:10", "240", "239.90", "240.10");

            // Trailing from +25 %: half of 240 - 189.15 kept, 214.60, at the broker too.
            assertThat(broker.stops(OPTION)).containsExactly("TRIGGER PENDING 150 @ 214.6");
            assertThat(broker.sold(OPTION)).isZero();
        }
    }

    @Test
    void shouldCancelTheBrokersStopBeforeATargetExitAndRestOneForWhatIsLeft() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-21", position("pos-21", "sig-21", 2));
            broker.fillPrice = "274.20";
            tick("10:00", "274.25", "274.20", "274.30");

            // 60 % at the first target (75), sold once the broker's stop for all 150 was cancelled; a stop for the 75 left.
            List<TradeExit> exits = values(Topic.TRADE_EXIT, TradeExit.class);
            assertThat(exits).extracting(TradeExit::getQuantity, TradeExit::getExitReason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(75, ExitReason.PARTIAL_TARGET));
            assertThat(broker.stops(OPTION)).hasSize(2).first().isEqualTo("CANCELLED 150 @ 132.4");
            assertThat(broker.stops(OPTION).get(1)).startsWith("TRIGGER PENDING 75 @ ");
            assertThat(broker.sold(OPTION)).isEqualTo(75);
        }
    }

    @Test
    void shouldCloseAPositionWhoseStopSoldAtTheBrokerWhileNobodyWatchedWithTheBrokersFill() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-22", position("pos-22", "sig-22", 2));
            // The service is down (or behind) and the market falls through 132.40: the broker's stop sells all 150 at 130.
            broker.trade(OPTION, "130.00");
            // Back, it hears a tick of a market that has recovered above the stop: the broker's word first.
            tick("10:05", "140", "139.90", "140.10");

            List<PositionClosed> closed = values(Topic.POSITION_CLOSED, PositionClosed.class);
            assertThat(closed).hasSize(1);
            assertThat(closed.get(0).getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
            assertThat(closed.get(0).getExitPremium()).isEqualByComparingTo("130.00");
            // Bought 150 at 189.15, sold 150 at 130.00: gross -8,872.50.
            assertThat(closed.get(0).getGrossPnl()).isEqualByComparingTo("-8872.50");
            tick("10:06", "120", "119.90", "120.10");
            assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class)).as("closed once").isEmpty();
            assertThat(broker.sold(OPTION)).isEqualTo(150);
            assertThat(broker.placements).as("the stop, and no market sell").hasValue(1);
        }
    }

    @Test
    void shouldSellOnceWhenTheTicksAndTheBrokersStopBothSeeTheFall() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-23", position("pos-23", "sig-23", 2));
            tick("10:00", "200", "199.90", "200.10");
            broker.trade(OPTION, "130.00");
            tick("10:00:01", "129", "128.90", "129.10");

            // The tick says stop too: the broker's stop is cancelled first, and it answers that it sold: that is the exit.
            PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
            assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
            assertThat(closed.getExitPremium()).isEqualByComparingTo("130.00");
            assertThat(broker.sold(OPTION)).isEqualTo(150);
            assertThat(broker.placements).hasValue(1);
        }
    }

    @Test
    void shouldNotSellWhileTheBrokerCannotSayWhetherItsStopSold() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-24", position("pos-24", "sig-24", 2));
            tick("10:00", "200", "199.90", "200.10");
            values(Topic.POSITION_UPDATED, com.alphastocks.contracts.PositionUpdated.class);
            broker.failNext.set(Integer.MAX_VALUE);
            tick("10:00:01", "129", "128.90", "129.10");

            assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class)).isEmpty();
            assertThat(values(Topic.POSITION_UPDATED, com.alphastocks.contracts.PositionUpdated.class))
                    .anySatisfy(u -> assertThat(u.getAlert()).startsWith("its resting stop could not be cancelled"));

            broker.failNext.set(0);
            tick("10:00:02", "128", "127.90", "128.10");
            PositionClosed closed = values(Topic.POSITION_CLOSED, PositionClosed.class).get(0);
            assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
            assertThat(broker.stops(OPTION)).containsExactly("CANCELLED 150 @ 132.4");
            assertThat(broker.sold(OPTION)).isEqualTo(150);
        }
    }

    @Test
    void shouldRestANewStopWhenAnExitIsRefusedAfterItsStopWasCancelled() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-28", position("pos-28", "sig-28", 2));
            tick("10:00", "200", "199.90", "200.10");
            broker.rejectWith = "RMS: margin exceeds";
            tick("10:00:01", "129", "128.90", "129.10");

            // The exit is refused: the position is open, and protected again at the broker by a stop of its own id.
            assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class)).isEmpty();
            assertThat(broker.stops(OPTION)).containsExactly("CANCELLED 150 @ 132.4", "TRIGGER PENDING 150 @ 132.4");
            assertThat(broker.sold(OPTION)).isZero();
        }
    }

    @Test
    void shouldCancelTheBrokersStopBeforeClosingByHand() throws Exception {
        try (StubKiteBroker broker = live()) {
            opened.pipeInput("sig-25", position("pos-25", "sig-25", 2));
            tick("10:00", "200", "199.90", "200.10");
            closes.pipeInput(OPTION, new CloseRequest("pos-25", "desk", Instant.now()));

            assertThat(values(Topic.POSITION_CLOSED, PositionClosed.class).get(0).getExitReason()).isEqualTo(ExitReason.MANUAL);
            assertThat(broker.stops(OPTION)).containsExactly("CANCELLED 150 @ 132.4");
            assertThat(broker.sold(OPTION)).isEqualTo(150);
        }
    }

    private void tick(String time, String last, String bid, String ask) {
        ticks.pipeInput(OPTION, tickAt(time, last, bid, ask));
    }

    private static MarketTick tickAt(String time, String last, String bid, String ask) {
        Instant at = LocalDate.of(2025, 12, 3).atTime(LocalTime.parse(time)).atZone(IST).toInstant();
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), OPTION, null, Priority.LOW))
                .setInstrument(OPTION).setUnderlying("NIFTY")
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.of("21500"))
                        .setExpiry(LocalDate.of(2025, 12, 9)).build())
                .setLastPrice(Decimals.of(last)).setBid(Decimals.of(bid)).setAsk(Decimals.of(ask)).setVolume(1000).setOpenInterest(50000)
                .setImpliedVolatility(Decimals.of("15")).setExchangeTime(at).build();
    }

    private <T> List<T> values(Topic<?> topic, Class<T> type) {
        var events = EventSerde.events(WireSettings.EMBEDDED);
        return driver.createOutputTopic(topic.topicName(), Serdes.String().deserializer(), events.deserializer())
                .readValuesToList().stream().map(type::cast).toList();
    }

    static PositionOpened position(String positionId, String signalId, int lots) {
        PositionOpened position = com.alphastocks.position.trading.ExitEngineTest.opened(lots, LocalDate.of(2025, 12, 9));
        position.setPositionId(positionId);
        position.setSignalId(signalId);
        return position;
    }
}
