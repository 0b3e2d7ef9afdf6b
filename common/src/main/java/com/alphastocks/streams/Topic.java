package com.alphastocks.streams;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.*;

/**
 * The topic catalogue: one topic per event type, the two inbound topics and the DLQ. Topic names live here
 * and nowhere else; services read them as {@code ${alphastocks.topic.<key>}} (see {@link TopicConfigSource}).
 *
 * <p>Keys: everything about one trade (signal, order, trade, position and signal-lifecycle events) is keyed
 * by signal id, so that it stays in order; strategy signals by signal id too (others are re-keyed); ticks by instrument.
 */
public enum Topic {
    STRATEGY_SIGNALS("strategy.signals", StrategySignal.class),
    MARKET_TICKS("market.ticks", MarketTick.class),
    SIGNAL_GENERATED("signal.generated", SignalGenerated.class),
    SIGNAL_REJECTED("signal.rejected", SignalRejected.class),
    SIGNAL_ACTIVATED("signal.activated", SignalActivated.class),
    SIGNAL_UPDATED("signal.updated", SignalUpdated.class),
    SIGNAL_COMPLETED("signal.completed", SignalCompleted.class),
    SIGNAL_STOPPED("signal.stopped", SignalStopped.class),
    POSITION_OPENED("position.opened", PositionOpened.class),
    POSITION_UPDATED("position.updated", PositionUpdated.class),
    POSITION_CLOSED("position.closed", PositionClosed.class),
    TRADE_EXECUTED("trade.executed", TradeExecuted.class),
    TRADE_EXIT("trade.exit", TradeExit.class),
    ORDER_PLACED("order.placed", OrderPlaced.class),
    ORDER_FILLED("order.filled", OrderFilled.class),
    ORDER_CANCELLED("order.cancelled", OrderCancelled.class),
    ORDER_REJECTED("order.rejected", OrderRejected.class),
    /** The trading day's report (analytics-service, once the market's clock has passed the day's end), keyed by the day. */
    DAY_ENDED("day.ended", DayEnded.class),
    /**
     * The desk's trading state (ACTIVE, REDUCING, HALTED: the kill switch), one record per change, keyed by the desk and
     * compacted: the latest is the state every executor instance trades by.
     */
    TRADING_STATE("trading.state", TradingStateChanged.class, Map.of("cleanup.policy", "compact")),
    /** Breaks between the broker's positions and the position book (live trading), keyed by instrument. */
    RECONCILIATION_BREAKS("reconciliation.breaks", ReconciliationBreak.class),
    /** Records whose handling failed after retries, with headers saying where from and why. */
    DLQ("alphastocks.dlq", null),
    /** DLQ records sent back to their topic, keyed by {@code partition:offset} in the DLQ, compacted: each goes back once. */
    DLQ_REPLAYS("alphastocks.dlq.replays", null, Map.of("cleanup.policy", "compact")),
    /** Requests to the position-service (a desk's manual close), JSON, keyed by instrument. */
    POSITION_CONTROL("position.control", null),
    /**
     * What the notification-service sent, keyed {@code channel:eventId}: read back at its start, so a restart does not
     * send again what went out before it. Compacted, and forgotten after a week.
     */
    NOTIFICATIONS_SENT("notification.sent", null, Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000")),
    /** One JSON row per closed trade, the signal's features with the outcome, for machine learning. */
    ML_ROWS("analytics.ml-rows", null);

    private final String topicName;
    private final Class<? extends SpecificRecord> eventClass;
    private final Map<String, String> config;

    Topic(String topicName, Class<? extends SpecificRecord> eventClass) {
        this(topicName, eventClass, Map.of());
    }

    Topic(String topicName, Class<? extends SpecificRecord> eventClass, Map<String, String> config) {
        this.topicName = topicName;
        this.eventClass = eventClass;
        this.config = config;
    }

    /** Topic-level settings it is created with (besides partitions and replication). */
    public Map<String, String> config() {
        return config;
    }

    public String topicName() {
        return topicName;
    }

    /** The Avro contract of the topic's values; null for the DLQ (records as they came) and the JSON topics. */
    public Class<? extends SpecificRecord> eventClass() {
        return eventClass;
    }

    /** The configuration key of the topic name, e.g. {@code alphastocks.topic.signal-generated}. */
    public String configKey() {
        return "alphastocks.topic." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Topic of(Class<? extends SpecificRecord> eventClass) {
        return Arrays.stream(values()).filter(t -> t.eventClass == eventClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + eventClass.getSimpleName()));
    }

    /** The contract of the catalogued topic of this name; empty for a topic of no contract or one not in the catalogue. */
    public static java.util.Optional<Class<? extends SpecificRecord>> contractOf(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst().map(Topic::eventClass);
    }

    public static Topic named(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topicName));
    }
}
