package com.alphastocks.position.book;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.alphastocks.position.trading.ExitReason;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderIds;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.RestingStops;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.trading.Reconciliation;

/**
 * The broker's side of the book, in live trading: the protective stop resting at the broker for each open position
 * (rested at the open, moved when the trailing stop tightens, cancelled before the position exits any other way — what
 * it sold by then is that exit, so no exit ever sells twice what was bought; asked of the broker on the first tick after
 * a start and every {@value #STOP_CHECK_SECONDS} s, so a stop that sold while the service was down closes the position
 * with the broker's fill), exit orders that filled unheard (adopted by their tag before another exit goes out), and the
 * broker's positions against the book ({@link Reconciliation}). With a gateway that has no broker (paper, logging-only)
 * every call leaves the position as it is.
 */
final class BrokerWatch {

    private static final Logger LOG = Logger.getLogger(BrokerWatch.class);
    static final long STOP_CHECK_SECONDS = 5;

    /** What the watch asks of the book it watches for. */
    interface Book {
        /** Records what became of an exit order, and tells it; returns the position after it. */
        OpenPosition record(OpenPosition ordered, OrderRequest order, OrderResult result, ExitReason reason, Instant now);

        /** Tells a HIGH-priority alert about a position. */
        void alert(OpenPosition position, String alert, Instant now);

        void count(String outcome, String strategy);
    }

    private final OrderGateway gateway;
    private final Book book;
    private final Duration reconcileEvery;
    /** When each position's resting stop was last asked of the broker (wall clock, ms): not kept, so asked after a start. */
    private final Map<String, Long> stopCheckedAt = new HashMap<>();
    /** When the book was last reconciled (wall ms; -1: not since the start), the gateway's reconnections then. */
    private long reconciledAt = -1;
    private long reconnectionsSeen;
    /** Breaks seen at the last reconciliation, and those told (again only once they have gone and come back). */
    private Set<String> suspected = Set.of();
    private final Set<String> reported = new HashSet<>();

    BrokerWatch(OrderGateway gateway, Book book, Duration reconcileEvery) {
        this.gateway = gateway;
        this.book = book;
        this.reconcileEvery = reconcileEvery;
    }

    /** Whether there is a broker to reconcile with. */
    boolean reconciles() {
        return gateway.account().isPresent();
    }

    /** A closed position is no longer asked about. */
    void forget(String positionId) {
        stopCheckedAt.remove(positionId);
    }

    /** Rests a stop at the broker for what is open of the position, at its stop (live trading; otherwise as it is). */
    OpenPosition rest(OpenPosition position, Instant now) {
        Optional<RestingStops> stops = gateway.restingStops();
        if (stops.isEmpty() || position.closed()) {
            return position;
        }
        // A new number after every exit order or fill: a stop cancelled for an exit that then failed is not adopted again.
        int number = position.exitOrders() + position.exitCount();
        String orderId = OrderIds.restingStop(position.positionId(), number);
        OrderResult rested = stops.get().rest(orderId, position.instrument(), position.openQuantity(), position.stop());
        if (rested.status() == OrderResult.Status.OPEN && !rested.filledAny()) {
            book.count("stop_rested", position.strategy());
            LOG.infof("position %s: stop %s rests at the broker, %d below %s", position.positionId(), orderId, position.openQuantity(),
                    position.stop().toPlainString());
            return position.withRestingStop(new OpenPosition.RestingStop(orderId, number, position.stop(), position.openQuantity()));
        }
        if (rested.filledAny() && rested.status() != OrderResult.Status.OPEN) {
            // Rested before a crash, and sold since: that is the exit.
            return soldByTheBrokersStop(position.withRestingStop(new OpenPosition.RestingStop(orderId, number, position.stop(),
                    position.openQuantity())), rested, now);
        }
        String alert = "no stop rests at the broker: " + rested.reason();
        LOG.errorf("position %s: %s", position.positionId(), alert);
        book.count("stop_not_rested", position.strategy());
        book.alert(position, alert, now);
        return position.withRestingStop(null);
    }

    /**
     * The broker's word on the position's resting stop, on the first tick after a start and every few seconds: a stop
     * that sold (the market fell through it while this service was down or behind) is the position's exit.
     */
    OpenPosition check(OpenPosition position, long wall, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        Optional<RestingStops> stops = gateway.restingStops();
        Long checked = stopCheckedAt.get(position.positionId());
        if (stop == null || stops.isEmpty() || checked != null && wall - checked < STOP_CHECK_SECONDS * 1000) {
            return position;
        }
        stopCheckedAt.put(position.positionId(), wall);
        try {
            OrderResult standing = stops.get().state(stop.orderId());
            return standing.status() != OrderResult.Status.OPEN && standing.filledAny() ? soldByTheBrokersStop(position, standing, now) : position;
        } catch (RuntimeException e) {
            LOG.warnf("position %s: its resting stop could not be asked of the broker: %s", position.positionId(), e.getMessage());
            return position;
        }
    }

    /**
     * Cancels the position's resting stop before it exits another way; what the stop sold by then is recorded as the
     * position's exit. Empty when the broker could not say (the stop may have sold: nothing else may sell now).
     */
    Optional<OpenPosition> cancel(OpenPosition position, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        Optional<RestingStops> stops = gateway.restingStops();
        if (stop == null || stops.isEmpty()) {
            return Optional.of(position);
        }
        try {
            OrderResult ended = stops.get().cancel(stop.orderId());
            return Optional.of(ended.filledAny() ? soldByTheBrokersStop(position, ended, now) : position.withRestingStop(null));
        } catch (RuntimeException e) {
            String alert = "its resting stop could not be cancelled, so nothing else sells it now: " + e.getMessage();
            LOG.errorf("position %s: %s", position.positionId(), alert);
            book.alert(position, alert, now);
            return Optional.empty();
        }
    }

    /** Moves the resting stop to the position's tightened stop; a stop that sold before the move is the exit. */
    OpenPosition move(OpenPosition position, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        Optional<RestingStops> stops = gateway.restingStops();
        if (stop == null || stops.isEmpty() || stop.trigger().compareTo(position.stop()) == 0) {
            return position;
        }
        try {
            OrderResult moved = stops.get().move(stop.orderId(), position.stop());
            if (moved.status() == OrderResult.Status.OPEN) {
                return position.withRestingStop(stop.movedTo(position.stop()));
            }
            return moved.filledAny() ? soldByTheBrokersStop(position, moved, now) : rest(position.withRestingStop(null), now);
        } catch (RuntimeException e) {
            // The broker keeps the old trigger: a looser stop than ours, still a stop; moved again with the next move.
            LOG.warnf("position %s: its resting stop stays at %s, the broker did not take the move to %s: %s", position.positionId(),
                    stop.trigger().toPlainString(), position.stop().toPlainString(), e.getMessage());
            return position;
        }
    }

    /** What the broker's resting stop sold is the position's exit (STOP_LOSS), at the broker's price. */
    private OpenPosition soldByTheBrokersStop(OpenPosition position, OrderResult sold, Instant now) {
        OpenPosition.RestingStop stop = position.restingStop();
        OrderRequest order = new OrderRequest(stop.orderId(), position.instrument(), OrderRequest.Side.SELL, stop.quantity(), null);
        book.count("exit_resting_stop", position.strategy());
        LOG.infof("position %s: its resting stop sold %d at %s at the broker", position.positionId(), sold.filledQuantity(),
                sold.averagePrice().toPlainString());
        return book.record(position.withRestingStop(null), order, sold, ExitReason.STOP_LOSS, now);
    }

    /**
     * Live: an earlier exit order of the position that the broker filled though the desk never heard (its placement went
     * unanswered) is the exit it was; found by its tag before another exit order goes out, so nothing is sold twice.
     */
    OpenPosition adoptMissedExits(OpenPosition position, ExitReason reason, Instant now) {
        if (gateway.account().isEmpty() || position.exitOrders() == 0) {
            return position;
        }
        Set<String> recorded = new HashSet<>();
        position.exits().forEach(fill -> recorded.add(fill.orderId()));
        OpenPosition after = position;
        for (int number = 1; number <= position.exitOrders() && !after.closed(); number++) {
            String orderId = OrderIds.exit(position.positionId(), number);
            if (recorded.contains(orderId)) {
                continue;
            }
            try {
                Optional<OrderResult> there = gateway.find(orderId);
                if (there.isPresent() && there.get().filledAny() && there.get().status() != OrderResult.Status.OPEN) {
                    LOG.warnf("position %s: exit order %s filled at the broker unheard (%d at %s): adopted", position.positionId(), orderId,
                            there.get().filledQuantity(), there.get().averagePrice().toPlainString());
                    book.count("exit_adopted", position.strategy());
                    after = book.record(after, new OrderRequest(orderId, position.instrument(), OrderRequest.Side.SELL, there.get().quantity(), null),
                            there.get(), reason, now);
                }
            } catch (RuntimeException e) {
                LOG.warnf("position %s: exit order %s could not be looked up: %s", position.positionId(), orderId, e.getMessage());
            }
        }
        return after;
    }

    /**
     * Live: the broker's positions against the book's (this task's part of it), soon after the start, after every
     * reconnect and every {@code reconcileEvery}; a break is told (returned) once it is seen twice in a row.
     *
     * @param answersFor whether this part of the book answers for an instrument it holds nothing of
     */
    List<Reconciliation.Break> reconcile(long wallMillis, Map<String, Map<String, OpenPosition>> open, Predicate<String> answersFor) {
        var account = gateway.account().orElseThrow();
        long reconnections = account.reconnections();
        boolean due = reconciledAt < 0 || reconnections != reconnectionsSeen || !suspected.isEmpty()
                || wallMillis - reconciledAt >= reconcileEvery.toMillis();
        if (!due) {
            return List.of();
        }
        Map<String, Integer> broker;
        try {
            broker = account.netPositions();
        } catch (RuntimeException e) {
            LOG.warnf("reconciliation: the broker's positions could not be read (again in 5 s): %s", e.getMessage());
            return List.of();
        }
        reconciledAt = wallMillis;
        reconnectionsSeen = reconnections;
        Map<String, Reconciliation.Holding> held = new TreeMap<>();
        open.forEach((instrument, holdings) -> {
            int quantity = holdings.values().stream().mapToInt(OpenPosition::openQuantity).sum();
            held.put(instrument, new Reconciliation.Holding(quantity, holdings.keySet().stream().sorted().toList()));
        });
        List<Reconciliation.Break> told = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Reconciliation.Break found : Reconciliation.breaks(held, broker, answersFor)) {
            String key = found.instrument() + "|" + found.book() + "|" + found.broker();
            seen.add(key);
            if (suspected.contains(key) && reported.add(key)) {
                LOG.errorf("reconciliation break: %s", found.detail());
                book.count("reconciliation_break", "-");
                told.add(found);
            }
        }
        reported.retainAll(seen);
        suspected = seen;
        return told;
    }
}
