package com.alphastocks.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.OrderFilled;
import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;

/**
 * What a run did, counted from the topics themselves, and checked against what the services say they did (the
 * analytics-service's count of each event type, the position-service's book, the notification inbox) and against
 * the pipeline's own rules: every signal a strategy sent is generated or refused at validation, every generated one
 * is refused by the executor or bought, every filled buy opens one position, every exit is one sell order, filled.
 */
final class RunSummary {

    /** What the services say, gathered over REST at the end of a run. */
    record ServiceCounts(Map<String, Long> publishedByType, long dlqCounted, long positionsInBook, long positionsOpenInBook,
                         long notificationsSent, long notificationsReceived) {
    }

    /** The counts of a run, from its topics. Options are only bought: a BUY order opens a position, a SELL exits (part of) one. */
    record Counts(long strategySignals, long signalsGenerated, long refusedAtValidation, long refusedByExecutor, long signalsFiltered,
                  long signalsActivated, long buysPlaced, long sellsPlaced, long buysFilled, long sellsFilled, long ordersRejected,
                  long tradeExits, long positionsOpened, Map<String, Long> closedByReason, long dlqRecords) {

        long positionsClosed() {
            return closedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The records of a run's topics the summary and the trades file are made of. */
    record Topics(Counts counts, List<PositionOpened> opened, List<PositionClosed> closed) {

        static Topics read(KafkaConsumer<String, Object> reader) {
            List<SignalRejected> rejected = once(EventClients.events(reader, Topic.SIGNAL_REJECTED));
            List<OrderPlaced> placed = once(EventClients.events(reader, Topic.ORDER_PLACED));
            List<OrderFilled> filled = once(EventClients.events(reader, Topic.ORDER_FILLED));
            List<PositionOpened> opened = once(EventClients.events(reader, Topic.POSITION_OPENED));
            List<PositionClosed> closed = once(EventClients.events(reader, Topic.POSITION_CLOSED));
            Map<String, Long> byReason = new TreeMap<>();
            closed.forEach(c -> byReason.merge(c.getExitReason().name(), 1L, Long::sum));
            long atValidation = rejected.stream().filter(r -> r.getStage() == RejectionStage.VALIDATION).count();
            // A strategy that sends a signal again (a restart before it committed) sends a retry, not a second signal.
            long strategySignals = once(EventClients.events(reader, Topic.STRATEGY_SIGNALS)).stream()
                    .map(s -> s.getMetadata().getCorrelationId()).distinct().count();
            Counts counts = new Counts(
                    strategySignals,
                    once(EventClients.events(reader, Topic.SIGNAL_GENERATED)).size(),
                    atValidation, rejected.size() - atValidation,
                    rejected.stream().filter(r -> r.getStage() == RejectionStage.FILTER).count(),
                    once(EventClients.events(reader, Topic.SIGNAL_ACTIVATED)).size(),
                    placed.stream().filter(o -> o.getSide() == OrderSide.BUY).count(),
                    placed.stream().filter(o -> o.getSide() == OrderSide.SELL).count(),
                    filled.stream().filter(o -> o.getSide() == OrderSide.BUY).count(),
                    filled.stream().filter(o -> o.getSide() == OrderSide.SELL).count(),
                    once(EventClients.events(reader, Topic.ORDER_REJECTED)).size(),
                    once(EventClients.events(reader, Topic.TRADE_EXIT)).size(),
                    opened.size(), byReason,
                    EventClients.recordCount(reader, Topic.DLQ.topicName()));
            return new Topics(counts, opened, closed);
        }

        /**
         * Each event once: at least once, an event may be on its topic twice (published again with the same id after a
         * crash), and every consumer applies it once.
         */
        private static <T extends org.apache.avro.specific.SpecificRecord> List<T> once(List<T> events) {
            java.util.Set<Object> ids = new java.util.HashSet<>();
            return events.stream().filter(e -> ids.add(com.alphastocks.streams.Envelope.metadataOf(e).getEventId())).toList();
        }

        Map<String, PositionOpened> openedBySignal() {
            Map<String, PositionOpened> bySignal = new LinkedHashMap<>();
            opened.forEach(o -> bySignal.put(o.getSignalId(), o));
            return bySignal;
        }
    }

    private RunSummary() {
    }

    /** The summary's counts, in the order the README lists them. */
    static Map<String, Object> summary(Counts c, long marketTicks) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("signals_sent", c.strategySignals());
        summary.put("signals_generated", c.signalsGenerated());
        summary.put("signals_rejected", c.refusedAtValidation() + c.refusedByExecutor());
        summary.put("signals_filtered", c.signalsFiltered());
        summary.put("signals_activated", c.signalsActivated());
        summary.put("orders_placed", c.buysPlaced() + c.sellsPlaced());
        summary.put("orders_filled", c.buysFilled() + c.sellsFilled());
        summary.put("orders_rejected", c.ordersRejected());
        summary.put("positions_opened", c.positionsOpened());
        summary.put("positions_closed", c.closedByReason());
        summary.put("positions_open_at_end", c.positionsOpened() - c.positionsClosed());
        summary.put("market_ticks", marketTicks);
        summary.put("dlq_records", c.dlqRecords());
        return summary;
    }

    /** Where a count on the topics differs from what a service says or a rule wants, one line each; empty when all match. */
    static List<String> mismatches(Counts c, ServiceCounts s) {
        return mismatches(c, s, true);
    }

    /**
     * As {@link #mismatches(Counts, ServiceCounts)}; {@code notifications} false leaves out the notification count (the
     * notification-service counts since its start: a restarted one does not know what it sent before).
     */
    static List<String> mismatches(Counts c, ServiceCounts s, boolean notifications) {
        List<String> problems = new ArrayList<>();
        Map<EventType, Long> onTopics = new LinkedHashMap<>();
        onTopics.put(EventType.SIGNAL_GENERATED, c.signalsGenerated());
        onTopics.put(EventType.SIGNAL_REJECTED, c.refusedAtValidation() + c.refusedByExecutor());
        onTopics.put(EventType.SIGNAL_ACTIVATED, c.signalsActivated());
        onTopics.put(EventType.ORDER_PLACED, c.buysPlaced() + c.sellsPlaced());
        onTopics.put(EventType.ORDER_FILLED, c.buysFilled() + c.sellsFilled());
        onTopics.put(EventType.ORDER_REJECTED, c.ordersRejected());
        onTopics.put(EventType.TRADE_EXIT, c.tradeExits());
        onTopics.put(EventType.POSITION_OPENED, c.positionsOpened());
        onTopics.put(EventType.POSITION_CLOSED, c.positionsClosed());
        onTopics.forEach((type, count) -> {
            long counted = s.publishedByType().getOrDefault(type.name(), 0L);
            if (counted != count) {
                problems.add(type + ": " + count + " on the topic, the analytics-service counted " + counted);
            }
        });
        if (s.dlqCounted() != c.dlqRecords()) {
            problems.add("DLQ: " + c.dlqRecords() + " records on the topic, the analytics-service counted " + s.dlqCounted());
        }
        if (c.strategySignals() != c.signalsGenerated() + c.refusedAtValidation()) {
            problems.add("signals: " + c.strategySignals() + " sent, but " + c.signalsGenerated() + " generated and "
                    + c.refusedAtValidation() + " refused at validation (a strategy's resend of a signal generates nothing)");
        }
        if (c.signalsGenerated() != c.refusedByExecutor() + c.buysPlaced()) {
            problems.add("executor: " + c.signalsGenerated() + " signals generated, but " + c.refusedByExecutor() + " refused and "
                    + c.buysPlaced() + " bought");
        }
        if (c.buysFilled() != c.positionsOpened()) {
            problems.add("positions: " + c.buysFilled() + " buy orders filled, " + c.positionsOpened() + " positions opened");
        }
        if (c.sellsPlaced() != c.tradeExits() || c.sellsFilled() != c.tradeExits()) {
            problems.add("exits: " + c.tradeExits() + " trade exits, " + c.sellsPlaced() + " sell orders placed and "
                    + c.sellsFilled() + " filled");
        }
        long open = c.positionsOpened() - c.positionsClosed();
        if (s.positionsInBook() != c.positionsOpened() || s.positionsOpenInBook() != open) {
            problems.add("position-service: " + s.positionsInBook() + " positions in its book (" + s.positionsOpenInBook()
                    + " open), the topics say " + c.positionsOpened() + " opened and " + c.positionsClosed() + " closed");
        }
        if (notifications && s.notificationsSent() != s.notificationsReceived()) {
            problems.add("notifications: the notification-service sent " + s.notificationsSent() + ", the inbox received "
                    + s.notificationsReceived());
        }
        return problems;
    }
}
