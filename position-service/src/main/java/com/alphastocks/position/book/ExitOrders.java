package com.alphastocks.position.book;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderIds;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.ExitReason;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Recall;

/**
 * The book's exit orders: each placed through the gateway under an id from the position and its leg, and recorded
 * whatever became of it — the position after it, what it tells (the order, its fill, and once all is sold the close
 * and the signal's end), the closed position kept.
 */
final class ExitOrders {

    private static final Logger LOG = Logger.getLogger(ExitOrders.class);

    private final OrderGateway gateway;
    private final PositionEvents events;
    private final BrokerWatch broker;
    private final Recall.Journaled<ClosedPosition> closed;
    private final MarketSilence silence;
    private final BiConsumer<String, List<? extends SpecificRecord>> publish;
    private final BiConsumer<String, String> count;

    /**
     * @param publish adds events to what the input being processed publishes (journaled with its changes)
     * @param count counts an outcome for a strategy
     */
    ExitOrders(OrderGateway gateway, PositionEvents events, BrokerWatch broker, Recall.Journaled<ClosedPosition> closed,
               MarketSilence silence, BiConsumer<String, List<? extends SpecificRecord>> publish, BiConsumer<String, String> count) {
        this.gateway = gateway;
        this.events = events;
        this.broker = broker;
        this.closed = closed;
        this.silence = silence;
        this.publish = publish;
        this.count = count;
    }

    /**
     * Every level a tick crossed, one order each, in turn: each sells at most what the fills before it left, and an
     * order not filled in full (refused, resting, partly filled) ends the tick's exits: what it leaves open is not sold
     * again on the same tick. Returns the position after them.
     */
    OpenPosition sellEachLevel(OpenPosition position, List<ExitEngine.Exit> levels, Instant now) {
        OpenPosition after = position;
        for (ExitEngine.Exit exit : levels) {
            int quantity = exit.quantityOf(after);
            if (quantity <= 0) {
                break;
            }
            int open = after.openQuantity();
            after = exit(after, quantity, exit.reason(), now);
            if (open - after.openQuantity() < quantity) {
                break;
            }
        }
        return after;
    }

    /** Places one exit order and records whatever became of it; returns the position after it. */
    OpenPosition exit(OpenPosition unadopted, int wanted, ExitReason reason, Instant now) {
        OpenPosition position = broker.adoptMissedExits(unadopted, reason, now);
        int quantity = Math.min(wanted, position.openQuantity());
        if (quantity <= 0) {
            return position;
        }
        OpenPosition ordered = position.exitOrdered();
        OrderRequest order = new OrderRequest(OrderIds.exit(position.positionId(), ordered.exitOrders()), position.instrument(),
                OrderRequest.Side.SELL, quantity, null);
        return record(ordered, order, gateway.place(order), reason, now);
    }

    /** Records what became of an exit order, and tells it; returns the position after it. */
    OpenPosition record(OpenPosition ordered, OrderRequest order, OrderResult result, ExitReason reason, Instant now) {
        OpenPosition position = ordered;
        OpenPosition after = result.filledAny()
                ? ordered.exited(new OpenPosition.Fill(order.orderId(), result.filledQuantity(), result.averagePrice(), reason,
                        ordered.lastTickAt() == null ? now : ordered.lastTickAt()))
                : ordered;
        List<SpecificRecord> told = events.exit(position, after, reason, order, result, gateway.mode(), now);
        publish.accept(position.signalId(), told);
        count.accept("exit_" + reason.name().toLowerCase(java.util.Locale.ROOT), position.strategy());
        LOG.infof("position %s: %s exit of %d %s -> %s%s", position.positionId(), reason, order.quantity(), position.instrument(),
                result.status(), result.averagePrice() == null ? "" : " at " + result.averagePrice().toPlainString());
        if (after.closed()) {
            told.stream().filter(PositionClosed.class::isInstance).map(PositionClosed.class::cast).findFirst().ifPresent(c ->
                    closed.put(after.positionId(), new ClosedPosition(after, c.getExitPremium(), c.getGrossPnl(), c.getCharges(),
                            c.getNetPnl(), reason, now)));
            silence.forget(after.positionId());
            broker.forget(after.positionId());
        }
        return after;
    }
}
