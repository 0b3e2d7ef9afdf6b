package com.alphastocks.analytics.streams;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.analytics.AnalyticsWiring;
import com.alphastocks.analytics.score.Funnel;
import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.score.MlRow;
import com.alphastocks.analytics.score.OpenPosition;
import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.score.ScorecardView;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SampleEvents;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

import static com.alphastocks.testkit.SampleEvents.THURSDAY;
import static com.alphastocks.testkit.SampleEvents.WEDNESDAY;
import static com.alphastocks.testkit.SampleEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The analytics topology without a broker, over the hand-computed week of {@link Events#theWeek}. */
class AnalyticsTopologyTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private Map<Topic<?>, TestInputTopic<String, SpecificRecord>> inputs;
    private TestInputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        var events = EventSerde.events(WireSettings.EMBEDDED);
        var topology = AnalyticsTopology.build(AnalyticsWiring.serdes(JSON, WireSettings.EMBEDDED), SampleEvents.IST, 3);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(topology, props);
        inputs = new java.util.HashMap<>();
        for (Topic<?> t : Topic.values()) {
            if (t.eventClass() != null && t != Topic.STRATEGY_SIGNALS) {
                inputs.put(t, driver.createInputTopic(t.topicName(), Serdes.String().serializer(), events.serializer()));
            }
        }
        dlq = driver.createInputTopic(Topic.DLQ.topicName(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void publish(Topic<?> topic, String signalId, SpecificRecord event, Instant at) {
        inputs.get(topic).pipeInput(signalId, event, at);
    }

    private void theWeek() {
        SampleEvents.theWeek("").forEach(e -> publish(e.topic(), e.key(), e.event(), e.at()));
    }

    private ScorecardView card(String kind, String name) {
        String key = ScorecardView.key(kind, name);
        KeyValueStore<String, Scorecard> store = driver.getKeyValueStore(AnalyticsTopology.SCORECARDS_STORE);
        Scorecard card = store.get(key);
        assertThat(card).as(key).isNotNull();
        return ScorecardView.of(key, card);
    }

    @Test
    void shouldKeepTheUnderlyingsPriceAMinuteAndEachClosedTradeForTheCharts() {
        Instant open = SampleEvents.at(SampleEvents.THURSDAY, "09:15");
        publish(Topic.MARKET_TICKS, "NIFTY", SampleEvents.tick("NIFTY", "21500", open), open);
        publish(Topic.MARKET_TICKS, "NIFTY", SampleEvents.tick("NIFTY", "21510.5", open.plusSeconds(40)), open.plusSeconds(40));
        publish(Topic.MARKET_TICKS, "NIFTY", SampleEvents.tick("NIFTY", "21490", open.plusSeconds(61)), open.plusSeconds(61));
        // An option's tick is not the underlying's price.
        publish(Topic.MARKET_TICKS, "NIFTY25D0921500CE", optionTick(open.plusSeconds(5)), open.plusSeconds(5));
        theWeek();

        KeyValueStore<String, java.math.BigDecimal> prices = driver.getKeyValueStore(AnalyticsTopology.PRICE_MINUTES_STORE);
        // The minute's last price, keyed by underlying and minute (09:15 IST is 03:45 UTC).
        assertThat(prices.get("NIFTY|2025-12-04T03:45:00Z")).isEqualByComparingTo("21510.5");
        assertThat(prices.get("NIFTY|2025-12-04T03:46:00Z")).isEqualByComparingTo("21490");
        assertThat(count(prices)).isEqualTo(2);

        KeyValueStore<String, com.alphastocks.analytics.score.Trade> trades = driver.getKeyValueStore(AnalyticsTopology.TRADES_STORE);
        com.alphastocks.analytics.score.Trade r4 = trades.get("r4");
        assertThat(r4.closedAt()).isEqualTo(SampleEvents.at(SampleEvents.THURSDAY, "11:30"));
        assertThat(r4.openedAt()).isEqualTo(SampleEvents.at(SampleEvents.THURSDAY, "09:30"));
        assertThat(r4.netPnl()).isEqualByComparingTo("-1500");
        assertThat(r4.underlying()).isEqualTo("NIFTY");
        assertThat(count(trades)).isEqualTo(7);
    }

    private static long count(KeyValueStore<String, ?> store) {
        try (var all = store.all()) {
            long n = 0;
            for (; all.hasNext(); all.next()) {
                n++;
            }
            return n;
        }
    }

    private static com.alphastocks.contracts.MarketTick optionTick(Instant at) {
        com.alphastocks.contracts.MarketTick tick = SampleEvents.tick("NIFTY", "152.5", at);
        tick.setInstrument("NIFTY25D0921500CE");
        tick.setOption(com.alphastocks.contracts.OptionContract.newBuilder().setOptionType(com.alphastocks.contracts.OptionType.CE)
                .setStrike(com.alphastocks.streams.Decimals.scaled(new java.math.BigDecimal("21500"))).setExpiry(java.time.LocalDate.of(2025, 12, 9))
                .build());
        return tick;
    }

    @Test
    void shouldKeepTheOpenPositionsWithTheirLatestMark() {
        Instant opening = SampleEvents.at(SampleEvents.WEDNESDAY, "10:15");
        publish(Topic.POSITION_OPENED, "s-open", SampleEvents.opened("s-open", "RSI", "NIFTY25D0921500CE", 150, "180", opening), opening);
        publish(Topic.POSITION_OPENED, "s-done", SampleEvents.opened("s-done", "MACD", "NIFTY25D0921400PE", 75, "150", opening), opening);
        publish(Topic.POSITION_UPDATED, "s-open", SampleEvents.marked("s-open", 150, "195.5", "2325", "126", opening.plusSeconds(30)),
                opening.plusSeconds(30));
        publish(Topic.POSITION_UPDATED, "s-open", SampleEvents.marked("s-open", 60, "204", "1440", "190", opening.plusSeconds(60)),
                opening.plusSeconds(60));
        publish(Topic.POSITION_CLOSED, "s-done", SampleEvents.closed("s-done", "MACD", "NIFTY25D0921400PE", "-200", opening.plusSeconds(90),
                Duration.ofSeconds(90)), opening.plusSeconds(90));

        KeyValueStore<String, OpenPosition> open = driver.getKeyValueStore(AnalyticsTopology.OPEN_POSITIONS_STORE);
        assertThat(open.approximateNumEntries()).isEqualTo(1);
        OpenPosition rsi = open.get("pos-s-open");
        assertThat(rsi.strategy()).isEqualTo("RSI");
        assertThat(rsi.instrument()).isEqualTo("NIFTY25D0921500CE");
        assertThat(rsi.quantity()).isEqualTo(60);
        assertThat(rsi.entryPremium()).isEqualByComparingTo("180");
        assertThat(rsi.currentPremium()).isEqualByComparingTo("204");
        assertThat(rsi.unrealizedPnl()).isEqualByComparingTo("1440");
        assertThat(rsi.stopLossPremium()).isEqualByComparingTo("190");
        assertThat(open.get("pos-s-done")).isNull();
    }

    @Test
    void shouldScoreEachStrategy() {
        theWeek();

        ScorecardView rsi = card("strategy", "RSI");
        assertThat(rsi).extracting(ScorecardView::trades, ScorecardView::wins, ScorecardView::losses).containsExactly(5, 3, 2);
        assertThat(rsi.winRatePct()).isEqualByComparingTo("60.00");
        assertThat(rsi.averageWin()).isEqualByComparingTo("1166.67");
        assertThat(rsi.averageLoss()).isEqualByComparingTo("-1000.00");
        assertThat(rsi.totalPnl()).isEqualByComparingTo("1500");
        assertThat(rsi.averagePnl()).isEqualByComparingTo("300.00");
        assertThat(rsi.profitFactor()).isEqualByComparingTo("1.75");
        assertThat(rsi.expectancy()).isEqualByComparingTo("300.00");
        assertThat(rsi.maxDrawdown()).isEqualByComparingTo("1500");
        assertThat(rsi.bestTrade()).isEqualByComparingTo("2000");
        assertThat(rsi.worstTrade()).isEqualByComparingTo("-1500");
        assertThat(rsi.charges()).isEqualByComparingTo("250");
        assertThat(rsi.averageHoldingMinutes()).isEqualTo(90L);

        ScorecardView macd = card("strategy", "MACD");
        assertThat(macd).extracting(ScorecardView::trades, ScorecardView::wins, ScorecardView::losses).containsExactly(2, 0, 2);
        assertThat(macd.winRatePct()).isEqualByComparingTo("0.00");
        assertThat(macd.averageWin()).isNull();
        assertThat(macd.averageLoss()).isEqualByComparingTo("-250.00");
        assertThat(macd.totalPnl()).isEqualByComparingTo("-500");
        assertThat(macd.profitFactor()).isEqualByComparingTo("0.00");
        assertThat(macd.maxDrawdown()).isEqualByComparingTo("500");
        assertThat(macd.averageHoldingMinutes()).isEqualTo(30L);
    }

    @Test
    void shouldCountAnEventPublishedAgainWithTheSameIdOnce() {
        theWeek();
        // At least once, a producer that recalls its decision after a crash publishes its events again, same ids.
        SampleEvents.theWeek("").stream().filter(e -> e.topic() == Topic.POSITION_CLOSED || e.topic() == Topic.SIGNAL_GENERATED)
                .forEach(e -> publish(e.topic(), e.key(), e.event(), e.at().plusSeconds(1)));

        assertThat(card("strategy", "RSI")).extracting(ScorecardView::trades, ScorecardView::totalPnl)
                .containsExactly(5, new java.math.BigDecimal("1500.0000"));
        KeyValueStore<String, Long> counts = driver.getKeyValueStore(AnalyticsTopology.EVENT_COUNTS_STORE);
        assertThat(counts.get("POSITION_CLOSED")).isEqualTo(SampleEvents.theWeek("").stream().filter(e -> e.topic() == Topic.POSITION_CLOSED).count());
    }

    @Test
    void shouldScoreEachUnderlyingEachDayAndAll() {
        theWeek();

        assertThat(card("underlying", "NIFTY").totalPnl()).isEqualByComparingTo("1500");
        assertThat(card("underlying", "BANKNIFTY").totalPnl()).isEqualByComparingTo("-500");

        // Wednesday: +1000, -500, +2000
        ScorecardView wednesday = card("day", "2025-12-03");
        assertThat(wednesday).extracting(ScorecardView::trades, ScorecardView::wins).containsExactly(3, 2);
        assertThat(wednesday.winRatePct()).isEqualByComparingTo("66.67");
        assertThat(wednesday.totalPnl()).isEqualByComparingTo("2500");
        assertThat(wednesday.profitFactor()).isEqualByComparingTo("6.00");
        assertThat(wednesday.maxDrawdown()).isEqualByComparingTo("500");
        // Thursday: -1500, +500, -300, -200: equity -1500, -1000, -1300, -1500
        ScorecardView thursday = card("day", "2025-12-04");
        assertThat(thursday).extracting(ScorecardView::trades, ScorecardView::wins, ScorecardView::losses).containsExactly(4, 1, 3);
        assertThat(thursday.winRatePct()).isEqualByComparingTo("25.00");
        assertThat(thursday.totalPnl()).isEqualByComparingTo("-1500");
        assertThat(thursday.profitFactor()).isEqualByComparingTo("0.25");
        assertThat(thursday.expectancy()).isEqualByComparingTo("-375.00");
        assertThat(thursday.maxDrawdown()).isEqualByComparingTo("1500");
        // All: equity 1000, 500, 2500, 1000, 1500, 1200, 1000
        ScorecardView all = card("all", "all");
        assertThat(all).extracting(ScorecardView::trades, ScorecardView::wins, ScorecardView::losses).containsExactly(7, 3, 4);
        assertThat(all.winRatePct()).isEqualByComparingTo("42.86");
        assertThat(all.totalPnl()).isEqualByComparingTo("1000");
        assertThat(all.averagePnl()).isEqualByComparingTo("142.86");
        assertThat(all.profitFactor()).isEqualByComparingTo("1.40");
        assertThat(all.expectancy()).isEqualByComparingTo("142.86");
        assertThat(all.maxDrawdown()).isEqualByComparingTo("1500");
        assertThat(all.bestTrade()).isEqualByComparingTo("2000");
        assertThat(all.worstTrade()).isEqualByComparingTo("-1500");
        // (30 + 60 + 90 + 120 + 150 + 20 + 40) / 7 = 72.9
        assertThat(all.averageHoldingMinutes()).isEqualTo(72L);
    }

    @Test
    void shouldFollowEachStrategysSignalsThroughTheFunnel() {
        theWeek();

        KeyValueStore<String, Funnel> funnels = driver.getKeyValueStore(AnalyticsTopology.FUNNELS_STORE);
        // RSI: r0 refused before it was a signal; rf generated and filtered; r1..r5 activated, 3 completed, 2 stopped
        assertThat(funnels.get("RSI")).isEqualTo(new Funnel(1, 6, 1, 0, 0, 5, 3, 2));
        // MACD: mr generated and refused by risk; m1, m2 activated and stopped
        assertThat(funnels.get("MACD")).isEqualTo(new Funnel(0, 3, 0, 1, 0, 2, 0, 2));
    }

    @Test
    void shouldPublishAnMlRowPerClosedTradeWithTheSignalsFeatures() {
        theWeek();

        var out = driver.createOutputTopic(Topic.ML_ROWS.topicName(), Serdes.String().deserializer(),
                new ObjectMapperSerde<>(MlRow.class, JSON).deserializer());
        Map<String, MlRow> rows = out.readKeyValuesToMap();
        assertThat(rows).hasSize(7);
        MlRow r4 = rows.get("r4");
        assertThat(r4.signalId()).isEqualTo("r4");
        assertThat(r4.strategy()).isEqualTo("RSI");
        assertThat(r4.symbol()).isEqualTo("NIFTY");
        assertThat(r4.action()).isEqualTo("BUY");
        assertThat(r4.entryPrice()).isEqualByComparingTo("21500");
        assertThat(r4.features()).containsEntry("rsi", SampleEvents.rsiOf("r4"));
        assertThat(r4.generatedAt()).isEqualTo(at(THURSDAY, "09:30").minusSeconds(1));
        assertThat(r4.netPnl()).isEqualByComparingTo("-1500");
        assertThat(r4.exitReason()).isEqualTo("STOP_LOSS");
        assertThat(r4.holdingMinutes()).isEqualTo(120);
        assertThat(r4.label()).isEqualTo("LOSS");
        assertThat(rows.get("r3").label()).isEqualTo("WIN");

        KeyValueStore<String, MlRow> store = driver.getKeyValueStore(AnalyticsTopology.ML_ROWS_STORE);
        assertThat(store.get("m2").symbol()).isEqualTo("BANKNIFTY");
    }

    @Test
    void shouldDateAReplayedSignalsMlRowByTheMarketsClock() {
        Instant marketTime = at(WEDNESDAY, "11:15");
        Instant wallClock = marketTime.plus(Duration.ofDays(366));
        SignalGenerated replayed = SampleEvents.generated("y1", "RSI", "NIFTY", wallClock, Map.of("rsi", 28.0));
        replayed.getMetadata().setMarketTime(marketTime);
        publish(Topic.SIGNAL_GENERATED, "y1", replayed, wallClock);
        publish(Topic.POSITION_CLOSED, "y1", SampleEvents.closed("y1", "RSI", "NIFTY25DEC21500CE", "-300", at(WEDNESDAY, "11:45"),
                Duration.ofMinutes(29)), wallClock.plusSeconds(1800));

        MlRow row = driver.<String, MlRow>getKeyValueStore(AnalyticsTopology.ML_ROWS_STORE).get("y1");
        assertThat(row.generatedAt()).as("the replayed day's 11:15, not the wall clock a year on").isEqualTo(marketTime);
        assertThat(MlRow.csv(List.of(row))).contains("2025-12-03T05:45:00Z");
    }

    @Test
    void shouldScoreATradeWhoseSignalItNeverSawByTheUnderlyingOfItsOption() {
        publish(Topic.POSITION_CLOSED, "x1", SampleEvents.closed("x1", "RSI", "BANKNIFTY25DEC59000CE", "700", at(WEDNESDAY, "10:00"),
                Duration.ofMinutes(10)), at(WEDNESDAY, "10:00"));

        assertThat(card("underlying", "BANKNIFTY").trades()).isEqualTo(1);
        KeyValueStore<String, MlRow> store = driver.getKeyValueStore(AnalyticsTopology.ML_ROWS_STORE);
        MlRow row = store.get("x1");
        assertThat(row.features()).isEmpty();
        assertThat(row.action()).isNull();
        assertThat(row.label()).isEqualTo("WIN");
    }

    @Test
    void shouldCountEventsPerTypeAndKeepTheNewestOfEach() {
        theWeek();

        KeyValueStore<String, Long> counts = driver.getKeyValueStore(AnalyticsTopology.EVENT_COUNTS_STORE);
        assertThat(counts.get("SIGNAL_GENERATED")).isEqualTo(9L);
        assertThat(counts.get("SIGNAL_REJECTED")).isEqualTo(3L);
        assertThat(counts.get("SIGNAL_ACTIVATED")).isEqualTo(7L);
        assertThat(counts.get("POSITION_CLOSED")).isEqualTo(7L);
        assertThat(counts.get("SIGNAL_COMPLETED")).isEqualTo(3L);
        assertThat(counts.get("SIGNAL_STOPPED")).isEqualTo(4L);

        KeyValueStore<String, HistoryEntry> history = driver.getKeyValueStore(AnalyticsTopology.HISTORY_STORE);
        List<HistoryEntry> closed = HistoryKeeper.newest(history, "POSITION_CLOSED", 3);
        assertThat(closed).extracting(HistoryEntry::eventId).containsExactly("closed-m2", "closed-r5", "closed-m1");
        assertThat(closed.get(0).correlationId()).isEqualTo("m2");
        assertThat(closed.get(0).producer()).isEqualTo("position-service");
        assertThat(closed.get(0).event()).contains("\"netPnl\"").contains("-200");
        // Limit 3: the sixth closed position (twice the limit) pruned the store back to the newest three (r4, m1, r5 by
        // the time they closed); the seventh (m2) came after. Older ones are gone from the store, not only hidden.
        try (var all = history.range(HistoryEntry.firstKey("POSITION_CLOSED"), HistoryEntry.lastKey("POSITION_CLOSED"))) {
            List<String> kept = new java.util.ArrayList<>();
            all.forEachRemaining(kv -> kept.add(kv.value.eventId()));
            assertThat(kept).containsExactly("closed-r4", "closed-m1", "closed-r5", "closed-m2");
        }
        assertThat(HistoryKeeper.newest(history, "SIGNAL_COMPLETED", 10)).hasSize(3);
    }

    @Test
    void shouldCountDeadLettersPerServiceThatGaveUp() {
        dead("executor-service");
        dead("executor-service");
        dead("position-service");
        dlq.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), "junk".getBytes(StandardCharsets.UTF_8)));

        KeyValueStore<String, Long> counts = driver.getKeyValueStore(AnalyticsTopology.DLQ_COUNTS_STORE);
        assertThat(counts.get("executor-service")).isEqualTo(2L);
        assertThat(counts.get("position-service")).isEqualTo(1L);
        assertThat(counts.get("unknown")).isEqualTo(1L);
    }

    private void dead(String service) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.SERVICE, service.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON, "poison".getBytes(StandardCharsets.UTF_8));
        dlq.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), "junk".getBytes(StandardCharsets.UTF_8), headers, Instant.now()));
    }
}
