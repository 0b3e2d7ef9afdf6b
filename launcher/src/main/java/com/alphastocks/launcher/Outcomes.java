package com.alphastocks.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;

/**
 * Whether a run lost or doubled anything, from what its topics hold: every signal a strategy sent has exactly one
 * outcome (refused at validation; or generated, then refused by the executor or bought once), every position opened is
 * closed once, and no position is sold beyond what was bought. Plain Java over the events' ids, so it is tested fast.
 */
public final class Outcomes {

    /** An order as the check needs it. */
    record Order(String eventId, String orderId, String signalId, boolean buy, int quantity) {
    }

    /** A position's opening or close. */
    record PositionEvent(String eventId, String positionId, String signalId, int quantity) {
    }

    /** A refusal: at validation (by the signal-service) or later (by the executor). */
    record Refusal(String eventId, String signalId, boolean atValidation) {
    }

    /** What was found: counts, and a line for each problem. */
    public record Report(long signalsIn, long outcomes, long lost, long duplicatedOrders, long duplicatedExits, long redeliveredEvents,
                  List<String> problems) {
    }

    private Outcomes() {
    }

    static Report check(Set<String> signalsSent, List<String> generatedEventIds, List<String> generatedSignalIds, List<Refusal> refusals,
                        List<Order> orders, List<PositionEvent> opened, List<PositionEvent> closed) {
        List<String> problems = new ArrayList<>();
        long redelivered = repeats(generatedEventIds) + repeats(refusals.stream().map(Refusal::eventId).toList())
                + repeats(orders.stream().map(Order::eventId).toList()) + repeats(opened.stream().map(PositionEvent::eventId).toList())
                + repeats(closed.stream().map(PositionEvent::eventId).toList());

        Set<String> generated = new HashSet<>(generatedSignalIds);
        Set<String> refusedAtValidation = new HashSet<>();
        Set<String> refusedByExecutor = new HashSet<>();
        refusals.forEach(r -> (r.atValidation() ? refusedAtValidation : refusedByExecutor).add(r.signalId()));
        Map<String, Set<String>> buysBySignal = new HashMap<>();
        Map<String, Integer> soldBySignal = new HashMap<>();
        Set<String> orderIds = new HashSet<>();
        for (Order o : orders) {
            if (!orderIds.add(o.orderId())) {
                continue;
            }
            if (o.buy()) {
                buysBySignal.computeIfAbsent(o.signalId(), k -> new HashSet<>()).add(o.orderId());
            } else {
                soldBySignal.merge(o.signalId(), o.quantity(), Integer::sum);
            }
        }

        long outcomes = 0;
        long lost = 0;
        long duplicatedOrders = 0;
        for (String signal : signalsSent) {
            int buys = buysBySignal.getOrDefault(signal, Set.of()).size();
            boolean refused = refusedByExecutor.contains(signal);
            if (refusedAtValidation.contains(signal) || generated.contains(signal) && (refused || buys > 0)) {
                outcomes++;
            } else {
                lost++;
                problems.add("signal " + signal + (generated.contains(signal) ? " was generated but neither refused nor bought"
                        : " was sent but neither generated nor refused"));
            }
            if (buys > 1 || buys == 1 && refused) {
                duplicatedOrders += buys - (refused ? 0 : 1);
                problems.add("signal " + signal + " has " + buys + " buy order(s)" + (refused ? " and a refusal" : ""));
            }
        }

        Map<String, PositionEvent> openedById = new HashMap<>();
        opened.forEach(o -> openedById.putIfAbsent(o.positionId(), o));
        Map<String, Set<String>> closesById = new HashMap<>();
        closed.forEach(c -> closesById.computeIfAbsent(c.positionId(), k -> new HashSet<>()).add(c.eventId()));
        long duplicatedExits = 0;
        for (PositionEvent position : openedById.values()) {
            int closes = closesById.getOrDefault(position.positionId(), Set.of()).size();
            if (closes == 0) {
                lost++;
                problems.add("position " + position.positionId() + " was never closed");
            } else if (closes > 1) {
                duplicatedExits += closes - 1;
                problems.add("position " + position.positionId() + " was closed " + closes + " times");
            }
            int sold = soldBySignal.getOrDefault(position.signalId(), 0);
            if (sold > position.quantity()) {
                duplicatedExits++;
                problems.add("position " + position.positionId() + ": " + sold + " sold of " + position.quantity() + " bought");
            }
        }
        return new Report(signalsSent.size(), outcomes, lost, duplicatedOrders, duplicatedExits, redelivered, problems);
    }

    /** The check over what the topics hold now (every signal sent on strategy.signals, each by its correlation id). */
    public static Report read(KafkaConsumer<String, Object> reader) {
        java.util.Set<String> sent = new java.util.HashSet<>();
        EventClients.events(reader, Topic.STRATEGY_SIGNALS).forEach(v -> sent.add(v.getMetadata().getCorrelationId()));
        List<String> generatedEvents = new ArrayList<>();
        List<String> generatedSignals = new ArrayList<>();
        for (SignalGenerated g : EventClients.events(reader, Topic.SIGNAL_GENERATED)) {
            generatedEvents.add(g.getMetadata().getEventId());
            generatedSignals.add(g.getSignalId());
        }
        List<Refusal> refusals = EventClients.events(reader, Topic.SIGNAL_REJECTED).stream()
                .map(r -> new Refusal(r.getMetadata().getEventId(), r.getSignalId(), r.getStage() == RejectionStage.VALIDATION))
                .toList();
        List<Order> orders = EventClients.events(reader, Topic.ORDER_PLACED).stream()
                .map(o -> new Order(o.getMetadata().getEventId(), o.getOrderId(), o.getSignalId(), o.getSide() == OrderSide.BUY,
                        o.getQuantity())).toList();
        List<PositionEvent> opened = EventClients.events(reader, Topic.POSITION_OPENED).stream()
                .map(o -> new PositionEvent(o.getMetadata().getEventId(), o.getPositionId(), o.getSignalId(), o.getQuantity()))
                .toList();
        List<PositionEvent> closed = EventClients.events(reader, Topic.POSITION_CLOSED).stream()
                .map(c -> new PositionEvent(c.getMetadata().getEventId(), c.getPositionId(), c.getSignalId(), c.getQuantity()))
                .toList();
        return check(sent, generatedEvents, generatedSignals, refusals, orders, opened, closed);
    }

    private static long repeats(List<String> ids) {
        return ids.size() - new HashSet<>(ids).size();
    }
}
