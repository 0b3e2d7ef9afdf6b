package com.alphastocks.position.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.contracts.TradeExit;
import com.alphastocks.orders.OrderEvents;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.position.trading.ChargeRates;
import com.alphastocks.position.trading.ExitReason;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.trading.Reconciliation;
import com.alphastocks.position.trading.Settlement;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

/**
 * The position-service's Avro mapping: a position.opened as the book watches it ({@link #position}), and what it
 * tells about a position: its marks (paced) and alerts, its exits (CRITICAL) and, once all of it is out, its P&L
 * ({@link Settlement}) and the signal's end. Keyed and correlated by signal id; event ids derived from
 * the position and the exit, so a republished exit is the same events.
 */
public final class PositionEvents {

    private final Envelope envelope;
    private final ChargeRates rates;

    public PositionEvents(Envelope envelope, ChargeRates rates) {
        this.envelope = envelope;
        this.rates = rates;
    }

    /** A position as the book watches it, from its opening: its exit rules as the executor set them. */
    public static OpenPosition position(PositionOpened opened) {
        var rules = opened.getExitRules();
        return new OpenPosition(opened.getPositionId(), opened.getSignalId(), opened.getStrategy(), opened.getUnderlying(),
                opened.getInstrument(), opened.getOption().getExpiry(), opened.getLotSize(), opened.getQuantity(), opened.getQuantity(),
                opened.getEntryPremium(), opened.getMetadata().getOccurredAt(), opened.getEnteredAt(),
                rules.getStopLossPremium(), rules.getStopLossPremium(), rules.getTargetPremium(), rules.getSecondTargetPremium(),
                rules.getPartialExitFraction(), rules.getTrailingActivationPremium(), rules.getTrailingLockPct(), rules.getTrailingGapPct(), rules.getTrailingGapPoints(),
                opened.getEntryPremium(), false, rules.getMaxHoldingMinutes(), rules.getSquareOffTime(), rules.getOvernightAllowed(),
                null, null, null, null, List.of(), 0, null);
    }

    /** A break between the broker and the book: CRITICAL, keyed (and correlated) by its instrument. */
    public com.alphastocks.contracts.ReconciliationBreak reconciliationBreak(Reconciliation.Break found, Instant at) {
        return com.alphastocks.contracts.ReconciliationBreak.newBuilder()
                .setMetadata(envelope.metadataAt(at, EventType.RECONCILIATION_BREAK, EventIds.derived(EventType.RECONCILIATION_BREAK,
                        found.instrument(), Integer.toString(found.book()), Integer.toString(found.broker()), at.toString()),
                        found.instrument(), null, Priority.CRITICAL))
                .setInstrument(found.instrument()).setBookQuantity(found.book()).setBrokerQuantity(found.broker())
                .setPositionIds(List.copyOf(found.positionIds())).setDetail(found.detail())
                .build();
    }

    public PositionUpdated updated(OpenPosition p, String alert, Instant at) {
        BigDecimal price = p.lastPrice() == null ? p.entryPremium() : p.lastPrice();
        String discriminator = alert == null ? "mark|" + p.lastTickAt() : "alert|" + alert + "|" + at;
        return PositionUpdated.newBuilder()
                .setMetadata(meta(p, EventType.POSITION_UPDATED, alert == null ? Priority.LOW : Priority.HIGH, at,
                        p.positionId(), discriminator))
                .setPositionId(p.positionId()).setSignalId(p.signalId())
                .setCurrentPremium(Decimals.scaled(price)).setOpenQuantity(p.openQuantity())
                .setUnrealizedPnl(Decimals.scaled(price.subtract(p.entryPremium()).multiply(BigDecimal.valueOf(p.openQuantity()))))
                .setStopLossPremium(Decimals.scaled(p.stop())).setAlert(alert)
                .build();
    }

    /**
     * The exit order and its fate; when the fill takes the last of the position, its close and the signal's end.
     * @param before the position as it was when the exit was decided
     * @param after the position with the fill recorded (the same when nothing filled)
     */
    public List<SpecificRecord> exit(OpenPosition before, OpenPosition after, ExitReason reason, OrderRequest order,
                                     OrderResult result, GatewayMode mode, Instant at) {
        String orderId = order.orderId();
        OrderEvents.Outcome placed = OrderEvents.of(order, before.signalId(), mode, result,
                type -> meta(before, type, Priority.CRITICAL, at, orderId));
        List<SpecificRecord> events = new ArrayList<>(placed.events());
        if (!placed.filled()) {
            return events;
        }
        BigDecimal price = Decimals.scaled(result.averagePrice());
        events.add(TradeExit.newBuilder().setMetadata(meta(before, EventType.TRADE_EXIT, Priority.CRITICAL, at, orderId))
                .setTradeId(EventIds.derived(EventType.TRADE_EXIT, orderId)).setOrderId(orderId).setSignalId(before.signalId())
                .setPositionId(before.positionId()).setInstrument(order.instrument()).setSide(OrderSide.SELL)
                .setQuantity(result.filledQuantity()).setPrice(price).setExitReason(wire(reason)).build());
        if (after.closed()) {
            events.addAll(closed(after, reason, at));
        }
        return events;
    }

    /** The position's close with its P&L, gross, charges and net, and the end of its signal. */
    List<SpecificRecord> closed(OpenPosition p, ExitReason reason, Instant at) {
        Settlement settled = Settlement.of(p.entryPremium(), p.quantity(), p.exits(), rates);
        BigDecimal exitPremium = settled.exitPremium();
        BigDecimal net = Decimals.scaled(settled.net());
        BigDecimal pct = settled.netPct();
        Instant exitAt = p.exits().get(p.exits().size() - 1).at();
        PositionClosed close = PositionClosed.newBuilder()
                .setMetadata(meta(p, EventType.POSITION_CLOSED, Priority.CRITICAL, at, p.positionId()))
                .setPositionId(p.positionId()).setSignalId(p.signalId()).setStrategy(p.strategy()).setInstrument(p.instrument())
                .setQuantity(p.quantity()).setEntryPremium(Decimals.scaled(p.entryPremium())).setExitPremium(exitPremium)
                .setGrossPnl(Decimals.scaled(settled.gross())).setCharges(Decimals.scaled(settled.charges().total())).setNetPnl(net)
                .setExitReason(wire(reason))
                .setHoldingMillis(p.openedAt() == null ? 0 : Duration.between(p.openedAt(), exitAt).toMillis())
                .setExitTime(exitAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .build();
        SpecificRecord end = settled.stopped(reason)
                ? SignalStopped.newBuilder().setMetadata(meta(p, EventType.SIGNAL_STOPPED, Priority.CRITICAL, at, p.positionId()))
                        .setSignalId(p.signalId()).setExitPrice(exitPremium).setProfitLoss(net)
                        .setProfitLossPct(pct).setExitReason(wire(reason)).build()
                : SignalCompleted.newBuilder().setMetadata(meta(p, EventType.SIGNAL_COMPLETED, Priority.CRITICAL, at, p.positionId()))
                        .setSignalId(p.signalId()).setExitPrice(exitPremium).setProfitLoss(net)
                        .setProfitLossPct(pct).setExitReason(wire(reason)).build();
        return List.of(close, end);
    }

    private static com.alphastocks.contracts.ExitReason wire(ExitReason reason) {
        return com.alphastocks.contracts.ExitReason.valueOf(reason.name());
    }

    /** At {@code at} on the service's clock, and at the position's latest tick on the market's. */
    private EventMetadata meta(OpenPosition p, EventType type, Priority priority, Instant at, String... decision) {
        return envelope.metadataAt(at, p.lastTickAt(), type, EventIds.derived(type, decision), p.signalId(), null, priority);
    }
}
