package com.alphastocks.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.TopicNameExtractor;

import com.alphastocks.contracts.*;

/**
 * The topic catalogue: one topic per event type, the two inbound topics and the DLQ, each typed by the value it
 * carries. Topic names live here and nowhere else; services read them as {@code ${alphastocks.topic.<key>}} (see {@link TopicConfigSource}).
 *
 * <p>Keys: everything about one trade (signal, order, trade, position and signal-lifecycle events) is keyed
 * by signal id, so that it stays in order; strategy signals by signal id too (others are re-keyed); ticks by instrument.
 */
public final class Topic<V> {

    /** Every topic, in the catalogue's order (filled as the constants below are made). */
    private static final List<Topic<?>> ALL = new ArrayList<>();
    /** The topic of each contract: looked up once per event a processor publishes. */
    private static final Map<Class<?>, Topic<?>> BY_CONTRACT = new HashMap<>();

    public static final Topic<StrategySignal> STRATEGY_SIGNALS = new Topic<>("STRATEGY_SIGNALS", "strategy.signals", StrategySignal.class);
    public static final Topic<MarketTick> MARKET_TICKS = new Topic<>("MARKET_TICKS", "market.ticks", MarketTick.class);
    public static final Topic<SignalGenerated> SIGNAL_GENERATED =
            new Topic<>("SIGNAL_GENERATED", "signal.generated", SignalGenerated.class);
    public static final Topic<SignalRejected> SIGNAL_REJECTED = new Topic<>("SIGNAL_REJECTED", "signal.rejected", SignalRejected.class);
    public static final Topic<SignalActivated> SIGNAL_ACTIVATED =
            new Topic<>("SIGNAL_ACTIVATED", "signal.activated", SignalActivated.class);
    public static final Topic<SignalUpdated> SIGNAL_UPDATED = new Topic<>("SIGNAL_UPDATED", "signal.updated", SignalUpdated.class);
    public static final Topic<SignalCompleted> SIGNAL_COMPLETED =
            new Topic<>("SIGNAL_COMPLETED", "signal.completed", SignalCompleted.class);
    public static final Topic<SignalStopped> SIGNAL_STOPPED = new Topic<>("SIGNAL_STOPPED", "signal.stopped", SignalStopped.class);
    public static final Topic<PositionOpened> POSITION_OPENED = new Topic<>("POSITION_OPENED", "position.opened", PositionOpened.class);
    public static final Topic<PositionUpdated> POSITION_UPDATED =
            new Topic<>("POSITION_UPDATED", "position.updated", PositionUpdated.class);
    public static final Topic<PositionClosed> POSITION_CLOSED = new Topic<>("POSITION_CLOSED", "position.closed", PositionClosed.class);
    public static final Topic<TradeExecuted> TRADE_EXECUTED = new Topic<>("TRADE_EXECUTED", "trade.executed", TradeExecuted.class);
    public static final Topic<TradeExit> TRADE_EXIT = new Topic<>("TRADE_EXIT", "trade.exit", TradeExit.class);
    public static final Topic<OrderPlaced> ORDER_PLACED = new Topic<>("ORDER_PLACED", "order.placed", OrderPlaced.class);
    public static final Topic<OrderFilled> ORDER_FILLED = new Topic<>("ORDER_FILLED", "order.filled", OrderFilled.class);
    public static final Topic<OrderCancelled> ORDER_CANCELLED = new Topic<>("ORDER_CANCELLED", "order.cancelled", OrderCancelled.class);
    public static final Topic<OrderRejected> ORDER_REJECTED = new Topic<>("ORDER_REJECTED", "order.rejected", OrderRejected.class);
    /** The trading day's report (analytics-service, once the market's clock has passed the day's end), keyed by the day. */
    public static final Topic<DayEnded> DAY_ENDED = new Topic<>("DAY_ENDED", "day.ended", DayEnded.class);
    /**
     * The desk's trading state (ACTIVE, REDUCING, HALTED: the kill switch), one record per change, keyed by the desk and
     * compacted: the latest is the state every executor instance trades by.
     */
    public static final Topic<TradingStateChanged> TRADING_STATE =
            new Topic<>("TRADING_STATE", "trading.state", TradingStateChanged.class, Map.of("cleanup.policy", "compact"));
    /** Breaks between the broker's positions and the position book (live trading), keyed by instrument. */
    public static final Topic<ReconciliationBreak> RECONCILIATION_BREAKS =
            new Topic<>("RECONCILIATION_BREAKS", "reconciliation.breaks", ReconciliationBreak.class);
    /** Records whose handling failed after retries, with headers saying where from and why. */
    public static final Topic<Object> DLQ = new Topic<>("DLQ", "alphastocks.dlq", null);
    /** DLQ records sent back to their topic, keyed by {@code partition:offset} in the DLQ, compacted: each goes back once. */
    public static final Topic<Object> DLQ_REPLAYS =
            new Topic<>("DLQ_REPLAYS", "alphastocks.dlq.replays", null, Map.of("cleanup.policy", "compact"));
    /** Requests to the position-service (a desk's manual close), JSON, keyed by instrument. */
    public static final Topic<Object> POSITION_CONTROL = new Topic<>("POSITION_CONTROL", "position.control", null);
    /**
     * What the notification-service sent, keyed {@code channel:eventId}: read back at its start, so a restart does not
     * send again what went out before it. Compacted, and forgotten after a week.
     */
    public static final Topic<Object> NOTIFICATIONS_SENT =
            new Topic<>("NOTIFICATIONS_SENT", "notification.sent", null, Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000"));
    /** One JSON row per closed trade, the signal's features with the outcome, for machine learning. */
    public static final Topic<Object> ML_ROWS = new Topic<>("ML_ROWS", "analytics.ml-rows", null);

    private final String name;
    private final String topicName;
    private final Class<V> eventClass;
    private final Map<String, String> config;

    private Topic(String name, String topicName, Class<V> eventClass) {
        this(name, topicName, eventClass, Map.of());
    }

    private Topic(String name, String topicName, Class<V> eventClass, Map<String, String> config) {
        this.name = name;
        this.topicName = topicName;
        this.eventClass = eventClass;
        this.config = config;
        ALL.add(this);
        if (eventClass != null) {
            BY_CONTRACT.putIfAbsent(eventClass, this);
        }
    }

    /** Every topic of the catalogue, in its order. */
    public static Topic<?>[] values() {
        return ALL.toArray(new Topic<?>[0]);
    }

    /**
     * What the services tell: every topic of a contract but the two inbound ones (strategy.signals, market.ticks), in
     * the catalogue's order. The notification- and analytics-service read all of them.
     */
    public static List<Topic<?>> outcomeEvents() {
        return ALL.stream().filter(t -> t.eventClass != null && t != STRATEGY_SIGNALS && t != MARKET_TICKS).toList();
    }

    /** The catalogue's name of the topic, e.g. {@code SIGNAL_GENERATED}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Topic-level settings it is created with (besides partitions and replication). */
    public Map<String, String> config() {
        return config;
    }

    public String topicName() {
        return topicName;
    }

    /** The Avro contract of the topic's values; null for the DLQ (records as they came) and the JSON topics. */
    public Class<V> eventClass() {
        return eventClass;
    }

    /** The configuration key of the topic name, e.g. {@code alphastocks.topic.signal-generated}. */
    public String configKey() {
        return "alphastocks.topic." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The topic that carries events of this contract. */
    @SuppressWarnings("unchecked")
    public static <V extends SpecificRecord> Topic<V> of(Class<V> eventClass) {
        Topic<?> topic = BY_CONTRACT.get(eventClass);
        if (topic == null) {
            throw new IllegalArgumentException("no topic carries " + eventClass.getSimpleName());
        }
        return (Topic<V>) topic;
    }

    /**
     * The one way a processor's decisions go out: each event to the topic of its contract (a topology's sink to many
     * topics).
     */
    public static <K, V extends SpecificRecord> TopicNameExtractor<K, V> byEventType() {
        return (key, event, context) -> of(event.getClass()).topicName();
    }

    /** The contract of the catalogued topic of this name; empty for a topic of no contract or one not in the catalogue. */
    @SuppressWarnings("unchecked")
    public static java.util.Optional<Class<? extends SpecificRecord>> contractOf(String topicName) {
        return ALL.stream().filter(t -> t.topicName.equals(topicName)).findFirst()
                .map(t -> (Class<? extends SpecificRecord>) t.eventClass);
    }

    public static Topic<?> named(String topicName) {
        return ALL.stream().filter(t -> t.topicName.equals(topicName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topicName));
    }
}
