package com.alphastocks.analytics.streams;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import com.alphastocks.analytics.score.Funnel;
import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.score.MlRow;
import com.alphastocks.analytics.score.OpenPosition;
import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.score.Trade;
import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.options.OptionSymbol;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.OnceByEventId;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;

/**
 * Every event topic, read once, feeds the score: trades (position.closed with their signal) scored per strategy,
 * per underlying, per day and overall; the signal funnel per strategy; ML rows; counts and recent history per event
 * type; DLQ records per service. Each result is a queryable store.
 */
public final class AnalyticsTopology {

    public static final String SIGNALS_STORE = "signals-by-id";
    public static final String SCORECARDS_STORE = "scorecards";
    public static final String FUNNELS_STORE = "funnels";
    public static final String ML_ROWS_STORE = "ml-rows";
    public static final String EVENT_COUNTS_STORE = "event-counts";
    public static final String HISTORY_STORE = "event-history";
    public static final String DLQ_COUNTS_STORE = "dlq-counts";
    public static final String OPEN_POSITIONS_STORE = "open-positions";
    public static final String EVENT_IDS_STORE = "event-ids-seen";
    /** The closed trades by signal id, and the underlyings' price a minute: the dashboard's charts. */
    public static final String TRADES_STORE = "trades";
    public static final String PRICE_MINUTES_STORE = "price-minutes";
    /** How long an event id is remembered: a copy comes within minutes of its original (a restart's redelivery). */
    static final java.time.Duration EVENT_IDS_KEPT = java.time.Duration.ofDays(2);

    /** Scorecard keys: {@code strategy:RSI}, {@code underlying:NIFTY}, {@code day:2025-12-03}, {@code all}. */
    public static final List<String> KINDS = List.of("strategy", "underlying", "day", "all");

    /** The serdes the stores and repartitions use. */
    public record AnalyticsSerdes(Serde<SpecificRecord> events, Serde<SignalGenerated> signals, Serde<MarketTick> ticks, Serde<Trade> trades, Serde<Scorecard> scorecards, Serde<Funnel.Step> steps,
                          Serde<RejectionStage> stages, Serde<Funnel> funnels, Serde<MlRow> rows,
                          Serde<HistoryEntry> entries, Serde<OpenPosition> positions, Serde<java.math.BigDecimal> prices) {
    }

    private AnalyticsTopology() {
    }

    public static Topology build(AnalyticsSerdes serdes, ZoneId exchangeZone, int historyLimit) {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> eventTopics = Topic.outcomeEvents().stream().map(Topic::topicName).toList();
        // Each event once, whatever its producer published again (at least once: an event may be on its topic twice).
        builder.addStateStore(OnceByEventId.store(EVENT_IDS_STORE));
        KStream<String, SpecificRecord> events = builder.stream(eventTopics, Consumed.with(Serdes.String(), serdes.events()).withName("events-in"))
                .process(() -> new OnceByEventId(EVENT_IDS_STORE, EVENT_IDS_KEPT), Named.as("events"), EVENT_IDS_STORE);

        // Counts and recent history per event type (the seed's get_stats() and get_history(type, limit)).
        events.groupBy((key, event) -> meta(event).getEventType().name(), Grouped.with("by-type", Serdes.String(), serdes.events()))
                .count(Materialized.as(EVENT_COUNTS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE), Serdes.String(), serdes.entries()));
        events.mapValues(AnalyticsTopology::entry, Named.as("as-history-entry"))
                .selectKey((key, entry) -> entry.eventType(), Named.as("by-event-type"))
                .repartition(Repartitioned.<String, HistoryEntry>as("history-by-type").withKeySerde(Serdes.String()).withValueSerde(serdes.entries()))
                .process(() -> new HistoryKeeper(HISTORY_STORE, historyLimit), Named.as("history"), HISTORY_STORE);

        // The open positions with their latest marks (the dashboard's).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_POSITIONS_STORE), Serdes.String(),
                serdes.positions()));
        events.filter((key, event) -> event instanceof PositionOpened || event instanceof PositionUpdated || event instanceof PositionClosed,
                        Named.as("position-events"))
                .process(() -> new OpenPositionsKeeper(OPEN_POSITIONS_STORE), Named.as("open-positions-keeper"), OPEN_POSITIONS_STORE);

        // Signals by id, to tell the strategy and the features of everything that follows a signal.
        KTable<String, SignalGenerated> signals = events.filter((key, event) -> event instanceof SignalGenerated, Named.as("generated"))
                .mapValues(event -> (SignalGenerated) event, Named.as("as-signal"))
                .toTable(Named.as("signals"), Materialized.<String, SignalGenerated, KeyValueStore<Bytes, byte[]>>as(SIGNALS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.signals()));

        // The funnel per strategy.
        KStream<String, Funnel.Step> generated = events.filter((key, event) -> event instanceof SignalGenerated, Named.as("generated-signals"))
                .map((key, event) -> KeyValue.pair(((SignalGenerated) event).getStrategy(), Funnel.Step.GENERATED), Named.as("generated-step"));
        KStream<String, Funnel.Step> lifecycle = events.filter((key, event) -> event instanceof SignalActivated
                        || event instanceof SignalCompleted || event instanceof SignalStopped, Named.as("lifecycle"))
                .join(signals, (event, signal) -> KeyValue.pair(signal.getStrategy(), step(event)),
                        Joined.<String, SpecificRecord, SignalGenerated>with(Serdes.String(), serdes.events(), serdes.signals()).withName("lifecycle-strategy"))
                .map((key, pair) -> pair, Named.as("lifecycle-step"));
        KStream<String, Funnel.Step> steps = generated.merge(lifecycle, Named.as("steps"));
        KStream<String, RejectionStage> refusals = events.filter((key, event) -> event instanceof SignalRejected, Named.as("refusals"))
                .map((key, event) -> {
                    SignalRejected r = (SignalRejected) event;
                    return KeyValue.pair(r.getStrategy() == null ? "unknown" : r.getStrategy(), r.getStage());
                }, Named.as("refusal-stage"));
        var stepCounts = steps.groupByKey(Grouped.with("steps-by-strategy", Serdes.String(), serdes.steps()));
        var refusalCounts = refusals.groupByKey(Grouped.with("refusals-by-strategy", Serdes.String(), serdes.stages()));
        stepCounts.<Funnel>cogroup((strategy, step, funnel) -> funnel.add(step))
                .cogroup(refusalCounts, (strategy, stage, funnel) -> funnel.add(stage))
                .aggregate(() -> Funnel.EMPTY, Named.as("funnel"),
                        Materialized.<String, Funnel, KeyValueStore<Bytes, byte[]>>as(FUNNELS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.funnels()));

        // Trades: each closed position with its signal, scored four ways, and its ML row.
        KStream<String, ClosedTrade> trades = events.filter((key, event) -> event instanceof PositionClosed, Named.as("closed"))
                .leftJoin(signals, (closed, signal) -> new ClosedTrade((PositionClosed) closed, signal),
                        Joined.<String, SpecificRecord, SignalGenerated>with(Serdes.String(), serdes.events(), serdes.signals()).withName("with-signal"));
        trades.flatMap((signalId, joined) -> {
                    Trade trade = joined.trade(exchangeZone);
                    List<KeyValue<String, Trade>> keyed = new ArrayList<>();
                    keyed.add(KeyValue.pair("strategy:" + trade.strategy(), trade));
                    keyed.add(KeyValue.pair("underlying:" + trade.underlying(), trade));
                    keyed.add(KeyValue.pair("day:" + trade.day(), trade));
                    keyed.add(KeyValue.pair("all", trade));
                    return keyed;
                }, Named.as("score-keys"))
                .groupByKey(Grouped.with("trades-by-score", Serdes.String(), serdes.trades()))
                .aggregate(() -> Scorecard.EMPTY, (key, trade, card) -> card.add(trade),
                        Materialized.<String, Scorecard, KeyValueStore<Bytes, byte[]>>as(SCORECARDS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.scorecards()));
        trades.mapValues(joined -> joined.trade(exchangeZone), Named.as("trade"))
                .toTable(Named.as("trades-table"), Materialized.<String, Trade, KeyValueStore<Bytes, byte[]>>as(TRADES_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.trades()));
        KStream<String, MlRow> rows = trades.mapValues(ClosedTrade::row, Named.as("ml-row"));
        rows.to(Topic.ML_ROWS.topicName(), Produced.with(Serdes.String(), serdes.rows()).withName("ml-rows-out"));
        rows.toTable(Named.as("ml-rows-table"), Materialized.<String, MlRow, KeyValueStore<Bytes, byte[]>>as(ML_ROWS_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(serdes.rows()));

        // The underlyings' price a minute, from the market's ticks (their own subtopology: no event waits for a tick).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRICE_MINUTES_STORE), Serdes.String(),
                serdes.prices()));
        builder.stream(Topic.MARKET_TICKS.topicName(), Consumed.with(Serdes.String(), serdes.ticks()).withName("market-ticks"))
                .process(() -> new PriceMinutesKeeper(PRICE_MINUTES_STORE), Named.as("price-minutes-keeper"), PRICE_MINUTES_STORE);

        // Dead letters per service, from the DLQ's headers.
        builder.stream(Topic.DLQ.topicName(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters"))
                .process(DeadLetterService::new, Named.as("dead-letter-service"))
                .groupByKey(Grouped.with("dead-letters-by-service", Serdes.String(), Serdes.ByteArray()))
                .count(Materialized.as(DLQ_COUNTS_STORE));
        return builder.build();
    }

    private static Funnel.Step step(SpecificRecord event) {
        return event instanceof SignalActivated ? Funnel.Step.ACTIVATED
                : event instanceof SignalCompleted ? Funnel.Step.COMPLETED : Funnel.Step.STOPPED;
    }

    static EventMetadata meta(SpecificRecord event) {
        return Envelope.metadataOf(event);
    }

    private static HistoryEntry entry(SpecificRecord event) {
        EventMetadata m = meta(event);
        return new HistoryEntry(m.getEventId(), m.getEventType().name(), m.getOccurredAt(), m.getMarketTime(), m.getProducer(),
                m.getCorrelationId(), m.getPriority().name(), event.toString());
    }

    /** When the event happened on the market's clock, or on its producer's where that did not know the market's. */
    static Instant marketTimeOf(EventMetadata m) {
        return m.getMarketTime() != null ? m.getMarketTime() : m.getOccurredAt();
    }

    /** A closed position with the signal it came from (null when the signal is unknown here). */
    record ClosedTrade(PositionClosed closed, SignalGenerated signal) {

        Trade trade(ZoneId zone) {
            Instant at = closed.getExitTime() != null ? closed.getExitTime() : closed.getMetadata().getOccurredAt();
            return new Trade(closed.getSignalId(), closed.getStrategy(), underlying(), LocalDate.ofInstant(at, zone), closed.getNetPnl(),
                    closed.getCharges(), closed.getHoldingMillis(), at);
        }

        String underlying() {
            if (signal != null) {
                return signal.getSymbol();
            }
            return OptionSymbol.parse(closed.getInstrument(), DayOfWeek.TUESDAY).map(OptionSymbol.Parsed::underlying)
                    .orElse(closed.getInstrument());
        }

        MlRow row() {
            SignalGenerated s = signal;
            return new MlRow(closed.getSignalId(), closed.getPositionId(), closed.getStrategy(), underlying(),
                    s == null ? null : s.getAction().name(), s == null ? null : s.getEntryPrice(), s == null ? null : s.getStopLoss(),
                    s == null ? null : s.getTarget(), s == null ? null : s.getSignalStrength(), s == null ? null : s.getExpectedMovePct(),
                    s == null ? null : s.getTimeframe(), s == null ? null : marketTimeOf(s.getMetadata()),
                    s == null ? Map.of() : Map.copyOf(s.getFeatures()), closed.getInstrument(), closed.getQuantity(), closed.getEntryPremium(),
                    closed.getExitPremium(), closed.getGrossPnl(), closed.getCharges(), closed.getNetPnl(), closed.getExitReason().name(),
                    closed.getHoldingMillis() / 60_000, closed.getNetPnl().signum() > 0 ? "WIN" : "LOSS");
        }
    }

    /** Keys each DLQ record by the service that gave up on it. */
    static final class DeadLetterService implements Processor<byte[], byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Header service = record.headers().lastHeader(DeadLetters.SERVICE);
            String name = service == null ? "unknown" : new String(service.value(), StandardCharsets.UTF_8);
            context.forward(record.withKey(name).withValue(new byte[0]));
        }
    }
}
