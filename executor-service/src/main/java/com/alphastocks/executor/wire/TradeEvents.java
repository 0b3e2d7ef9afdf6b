package com.alphastocks.executor.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.RejectionReason;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.TradeExecuted;
import com.alphastocks.executor.trading.Refusal;
import com.alphastocks.executor.trading.Signal;
import com.alphastocks.executor.trading.TradePlan;
import com.alphastocks.orders.OrderEvents;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.wire.OptionContracts;

/**
 * The executor's Avro mapping: a signal.generated as the desk trades it ({@link #signal}), and the events that tell
 * what became of a signal, all keyed and correlated by its signal id, caused by its signal.generated, and with ids
 * derived from the decision (the same decision published twice is the same events, which consumers drop).
 */
public final class TradeEvents {

    private final Envelope envelope;

    public TradeEvents(Envelope envelope) {
        this.envelope = envelope;
    }

    /** The signal as the desk trades it. */
    public static Signal signal(SignalGenerated signal) {
        return new Signal(signal.getSignalId(), signal.getStrategy(), signal.getSymbol(), Signal.Action.valueOf(signal.getAction().name()),
                signal.getSignalStrength(), signal.getExpectedMovePct());
    }

    /** The exit rules as position.opened carries them (trailing by a gap in percent is never set by the desk). */
    public static ExitRules exitRules(com.alphastocks.executor.trading.ExitRules rules) {
        return ExitRules.newBuilder()
                .setStopLossPremium(rules.stopLossPremium()).setTargetPremium(rules.targetPremium())
                .setSecondTargetPremium(rules.secondTargetPremium()).setPartialExitFraction(rules.partialExitFraction())
                .setTrailingActivationPremium(rules.trailingActivationPremium()).setTrailingGapPct(null)
                .setTrailingLockPct(rules.trailingLockPct()).setTrailingGapPoints(rules.trailingGapPoints())
                .setMaxHoldingMinutes(rules.maxHoldingMinutes()).setSquareOffTime(rules.squareOffTime())
                .setOvernightAllowed(rules.overnightAllowed())
                .build();
    }

    public static String positionId(String signalId) {
        return EventIds.derived(EventType.POSITION_OPENED, signalId);
    }

    /** @param marketTime the market's clock the signal was refused on (null: unknown, e.g. no tick yet) */
    public List<SpecificRecord> refused(SignalGenerated signal, Refusal.Stage stage, List<Refusal> reasons, Instant at, Instant marketTime) {
        return List.of(SignalRejected.newBuilder()
                .setMetadata(meta(signal, EventType.SIGNAL_REJECTED, Priority.NORMAL, at, marketTime))
                .setSignalId(signal.getSignalId())
                .setClientSignalId(signal.getClientSignalId())
                .setStrategy(signal.getStrategy())
                .setSymbol(signal.getSymbol())
                .setStage(RejectionStage.valueOf(stage.name()))
                .setReasons(reasons.stream().map(r -> RejectionReason.newBuilder().setCode(r.code()).setField(null)
                        .setMessage(r.message()).build()).toList())
                .build());
    }

    /** The order's placement and what the gateway made of it: a fill opens the position with the filled quantity. */
    public List<SpecificRecord> executed(SignalGenerated signal, TradePlan.Entry entry, OrderResult result, GatewayMode mode, Instant at) {
        String signalId = signal.getSignalId();
        String orderId = entry.order().orderId();
        OrderEvents.Outcome order = OrderEvents.of(entry.order(), signalId, mode, result,
                type -> meta(signal, type, Priority.HIGH, at, entry.marketTime()));
        List<SpecificRecord> events = new ArrayList<>(order.events());
        if (result.status() == OrderResult.Status.REJECTED || result.status() == OrderResult.Status.CANCELLED) {
            String code = result.status() == OrderResult.Status.REJECTED ? "ORDER_REJECTED" : "ORDER_CANCELLED";
            events.addAll(refused(signal, Refusal.Stage.ORDER, List.of(new Refusal(Refusal.Stage.ORDER, code, result.reason())), at,
                    entry.marketTime()));
        }
        if (!order.filled()) {
            return events;
        }
        BigDecimal price = Decimals.scaled(result.averagePrice());
        int filled = result.filledQuantity();
        String positionId = positionId(signalId);
        events.add(TradeExecuted.newBuilder().setMetadata(meta(signal, EventType.TRADE_EXECUTED, Priority.HIGH, at, entry.marketTime()))
                .setTradeId(EventIds.derived(EventType.TRADE_EXECUTED, orderId)).setOrderId(orderId).setSignalId(signalId)
                .setPositionId(positionId).setInstrument(entry.order().instrument()).setSide(OrderSide.BUY)
                .setQuantity(filled).setPrice(price).build());
        events.add(PositionOpened.newBuilder().setMetadata(meta(signal, EventType.POSITION_OPENED, Priority.HIGH, at, entry.marketTime()))
                .setPositionId(positionId).setSignalId(signalId).setStrategy(signal.getStrategy()).setUnderlying(entry.underlying())
                .setInstrument(entry.order().instrument())
                .setOption(OptionContracts.of(entry.optionType(), entry.strike(), entry.expiry()))
                .setLots(filled / entry.lotSize()).setLotSize(entry.lotSize()).setQuantity(filled)
                .setEntryPremium(price).setExitRules(exitRules(entry.exitRules(price))).setEnteredAt(entry.marketTime()).build());
        events.add(SignalActivated.newBuilder().setMetadata(meta(signal, EventType.SIGNAL_ACTIVATED, Priority.HIGH, at, entry.marketTime()))
                .setSignalId(signalId).setOrderId(orderId).setSymbol(signal.getSymbol()).setInstrument(entry.order().instrument())
                .setAction(signal.getAction()).setPrice(price).setQuantity(filled).build());
        return events;
    }

    private EventMetadata meta(SignalGenerated signal, EventType type, Priority priority, Instant at, Instant marketTime) {
        return envelope.metadataAt(at, marketTime, type, EventIds.derived(type, signal.getSignalId()), signal.getSignalId(),
                signal.getMetadata().getEventId(), priority);
    }
}
