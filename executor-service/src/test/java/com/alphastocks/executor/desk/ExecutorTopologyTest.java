package com.alphastocks.executor.desk;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.executor.market.MarketBook;
import com.alphastocks.executor.trading.Fixtures;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.executor.wire.TradeEvents;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static org.assertj.core.api.Assertions.assertThat;

/** The order desk without a broker, in paper mode, on Wednesday 3 Dec 2025 at 10:00 in Mumbai, NIFTY rising to 21523. */
class ExecutorTopologyTest {

    static final Instant TEN_AM = Instant.parse("2025-12-03T04:30:00Z");
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> signals;
    private TestInputTopic<String, SpecificRecord> closes;
    private TestOutputTopic<String, SpecificRecord> opened;
    private TestOutputTopic<String, SpecificRecord> rejected;
    private TestOutputTopic<String, SpecificRecord> placed;

    @BeforeEach
    void start() {
        MarketBook market = new MarketBook(Clock.fixed(TEN_AM, ZoneOffset.UTC), ZoneId.of("Asia/Kolkata"), java.time.DayOfWeek.TUESDAY,
                new BigDecimal("15"), new BigDecimal("6.5"));
        for (String price : new String[] {"21480", "21495", "21510", "21523"}) {
            market.accept(tick("NIFTY", price));
        }
        TradePlanner planner = new TradePlanner(Fixtures.SETTINGS);
        TradeEvents events = new TradeEvents(new Envelope("executor-service", Clock.systemUTC()));
        var serde = EventSerde.events(WireSettings.EMBEDDED);
        var topology = ExecutorTopology.build(serdes -> new OrderDeskProcessor(planner, events, market, OrderDeskProcessor.MarketCatchUp.NONE, () -> TradingStatus.ACTIVE,
                        ledger -> new PaperGateway(ledger, market.paperQuotes(), new BigDecimal("0.1")), ZoneId.of("Asia/Kolkata"),
                        new SimpleMeterRegistry(), serdes),
                serde, new DeskSerdes(new ObjectMapperSerde<>(RiskState.class, JSON), new ObjectMapperSerde<>(Decision.class, JSON),
                        new ObjectMapperSerde<>(OrderResult.class, JSON)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "executor-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(topology, props, TEN_AM);
        signals = driver.createInputTopic(Topic.SIGNAL_GENERATED.topicName(), Serdes.String().serializer(), serde.serializer());
        closes = driver.createInputTopic(Topic.POSITION_CLOSED.topicName(), Serdes.String().serializer(), serde.serializer());
        opened = driver.createOutputTopic(Topic.POSITION_OPENED.topicName(), Serdes.String().deserializer(), serde.deserializer());
        rejected = driver.createOutputTopic(Topic.SIGNAL_REJECTED.topicName(), Serdes.String().deserializer(), serde.deserializer());
        placed = driver.createOutputTopic(Topic.ORDER_PLACED.topicName(), Serdes.String().deserializer(), serde.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldPlaceAPaperOrderAndOpenThePositionForAGoodSignal() {
        SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");

        signals.pipeInput(signal.getSignalId(), signal);

        var out = opened.readKeyValue();
        PositionOpened position = (PositionOpened) out.value;
        assertThat(out.key).isEqualTo(signal.getSignalId());
        assertThat(position.getInstrument()).isEqualTo("NIFTY25D0921500CE");
        assertThat(position.getQuantity()).isEqualTo(150);
        // No option tick: the model's 188.95, plus 0.1 % slippage = 189.13 -> up to the tick, 189.15.
        assertThat(position.getEntryPremium()).isEqualByComparingTo("189.15");
        assertThat(placed.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldOpenExactlyThreeOfTwentySignalsAndRefuseTheRestWithTheReason() {
        for (int i = 0; i < 20; i++) {
            SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
            signals.pipeInput(signal.getSignalId(), signal);
        }

        assertThat(opened.readValuesToList()).hasSize(3);
        List<SpecificRecord> refusals = rejected.readValuesToList();
        assertThat(refusals).hasSize(17).allSatisfy(r -> assertThat(((SignalRejected) r).getReasons().get(0).getMessage())
                .isEqualTo("3 positions open, at most 3 allowed"));
    }

    @Test
    void shouldFreeThePlaceOfAClosedPosition() {
        SignalGenerated[] first = new SignalGenerated[3];
        for (int i = 0; i < 3; i++) {
            first[i] = Fixtures.buy("NIFTY", "7.5", "1.6");
            signals.pipeInput(first[i].getSignalId(), first[i]);
        }
        closes.pipeInput(first[0].getSignalId(), closed(first[0], "1500"));
        SignalGenerated fourth = Fixtures.buy("NIFTY", "7.5", "1.6");
        signals.pipeInput(fourth.getSignalId(), fourth);

        assertThat(opened.readValuesToList()).extracting(p -> ((PositionOpened) p).getSignalId())
                .containsExactly(first[0].getSignalId(), first[1].getSignalId(), first[2].getSignalId(), fourth.getSignalId());
    }

    @Test
    void shouldDecideASignalOnceWhenItComesTwice() {
        SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");

        signals.pipeInput(signal.getSignalId(), signal);
        signals.pipeInput(signal.getSignalId(), signal);

        assertThat(placed.readValuesToList()).hasSize(1);
        assertThat(opened.readValuesToList()).hasSize(1);
    }

    private static PositionClosed closed(SignalGenerated signal, String netPnl) {
        return PositionClosed.newBuilder()
                .setMetadata(new Envelope("position-service", Clock.systemUTC()).metadata(EventType.POSITION_CLOSED, EventIds.random(),
                        signal.getSignalId(), null, Priority.CRITICAL))
                .setPositionId(TradeEvents.positionId(signal.getSignalId())).setSignalId(signal.getSignalId()).setStrategy("RSI")
                .setInstrument("NIFTY25D0921500CE").setQuantity(150).setEntryPremium(Decimals.of("189.15"))
                .setExitPremium(Decimals.of("199.15")).setGrossPnl(Decimals.of("1500")).setCharges(Decimals.of("0"))
                .setNetPnl(Decimals.of(netPnl)).setExitReason(ExitReason.TARGET).setHoldingMillis(60_000).build();
    }

    static MarketTick tick(String instrument, String price) {
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("market-feed", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(),
                        instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying(instrument).setOption(null).setLastPrice(Decimals.of(price))
                .setBid(null).setAsk(null).setVolume(0).setOpenInterest(0).setImpliedVolatility(null).setExchangeTime(TEN_AM)
                .build();
    }
}
