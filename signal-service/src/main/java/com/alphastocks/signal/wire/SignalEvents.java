package com.alphastocks.signal.wire;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.RejectionReason;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.contracts.SignalUpdated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.signal.trading.SignalChange;
import com.alphastocks.signal.trading.SignalRequest;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.SignalIds;

/** The signal-service's events on the wire, to and from its own records: the one place that knows both. */
public final class SignalEvents {

    /** The key of a signal.updated that changes the signal's status. */
    public static final String UPDATE_STATUS = "status";

    private SignalEvents() {
    }

    /** A strategy's signal as the validator reads it. */
    public static SignalRequest request(StrategySignal s) {
        return new SignalRequest(s.getStrategy(), s.getSymbol(), s.getAction().name(), s.getEntryPrice(), s.getStopLoss(),
                s.getTarget(), s.getSignalStrength(), s.getExpectedMovePct(), s.getClientSignalId(), s.getTimeframe(),
                s.getUrgent(), s.getFeatures(), s.getMetadata().getOccurredAt());
    }

    /**
     * A signal posted to the REST intake, as the strategy's own event (the strategy as producer; its time, or
     * {@code now} where it gave none): what the SDK would have sent. The request was validated for its types only.
     */
    public static StrategySignal strategySignal(SignalRequest r, Instant now) {
        boolean urgent = Boolean.TRUE.equals(r.urgent());
        Envelope strategy = new Envelope("strategy." + r.strategy(), Clock.systemUTC());
        String eventId = EventIds.random();
        return StrategySignal.newBuilder()
                .setMetadata(strategy.metadataAt(r.generatedAt() == null ? now : r.generatedAt(), EventType.STRATEGY_SIGNAL,
                        eventId, SignalIds.of(r.strategy(), r.clientSignalId(), eventId), null,
                        urgent ? Priority.HIGH : Priority.NORMAL))
                .setClientSignalId(r.clientSignalId())
                .setStrategy(r.strategy())
                .setSymbol(r.symbol())
                .setAction(SignalAction.valueOf(r.action()))
                .setEntryPrice(Decimals.scaled(r.entryPrice()))
                .setStopLoss(Decimals.scaled(r.stopLoss()))
                .setTarget(Decimals.scaled(r.target()))
                .setSignalStrength(Decimals.scaled(r.signalStrength()))
                .setExpectedMovePct(Decimals.scaled(r.expectedMovePct()))
                .setTimeframe(r.timeframe())
                .setUrgent(urgent)
                .setFeatures(r.features() == null ? Map.of() : new HashMap<>(r.features()))
                .build();
    }

    /** The event this service published when it decided about the signal, rebuilt exactly (same id, same time). */
    public static SpecificRecord decision(SignalView v, Envelope envelope) {
        EventType type = v.problems().isEmpty() ? EventType.SIGNAL_GENERATED : EventType.SIGNAL_REJECTED;
        EventMetadata meta = envelope.metadataAt(v.generatedAt(), v.marketTime(), type, v.decisionEventId(), v.signalId(),
                v.sourceEventId(), Priority.valueOf(v.priority()));
        if (type == EventType.SIGNAL_REJECTED) {
            return SignalRejected.newBuilder()
                    .setMetadata(meta)
                    .setSignalId(v.signalId())
                    .setClientSignalId(v.clientSignalId())
                    .setStrategy(v.strategy())
                    .setSymbol(v.symbol())
                    .setStage(RejectionStage.VALIDATION)
                    .setReasons(v.problems().stream()
                            .map(p -> RejectionReason.newBuilder().setCode(p.code()).setField(p.field()).setMessage(p.message()).build())
                            .toList())
                    .build();
        }
        return SignalGenerated.newBuilder()
                .setMetadata(meta)
                .setSignalId(v.signalId())
                .setClientSignalId(v.clientSignalId())
                .setStrategy(v.strategy())
                .setSymbol(v.symbol())
                .setAction(SignalAction.valueOf(v.action()))
                .setEntryPrice(v.entryPrice())
                .setStopLoss(v.stopLoss())
                .setTarget(v.target())
                .setSignalStrength(v.signalStrength())
                .setExpectedMovePct(v.expectedMovePct())
                .setTimeframe(v.timeframe())
                .setFeatures(v.features())
                .build();
    }

    /** The signal.updated saying that a generated signal expired, nobody having acted on it: one per signal. */
    public static SignalUpdated expired(SignalView v, Instant now, String reason, Envelope envelope) {
        return SignalUpdated.newBuilder()
                .setMetadata(envelope.metadataAt(now, EventType.SIGNAL_UPDATED,
                        EventIds.derived(EventType.SIGNAL_UPDATED, v.signalId(), SignalStatus.EXPIRED.name()),
                        v.signalId(), v.decisionEventId(), Priority.LOW))
                .setSignalId(v.signalId())
                .setUpdates(Map.of(UPDATE_STATUS, SignalStatus.EXPIRED.name(), "reason", reason))
                .build();
    }

    /** The signal a lifecycle event is about: each of them carries it as {@code signalId}. */
    public static String signalId(SpecificRecord event) {
        return (String) event.get(event.getSchema().getField("signalId").pos());
    }

    /** A lifecycle event from another service, as the signal's record takes it. */
    public static SignalChange change(SpecificRecord event) {
        if (event instanceof SignalActivated a) {
            return change(a.getMetadata(), Optional.of(SignalStatus.ACTIVATED),
                    "order " + a.getOrderId() + ": " + a.getQuantity() + " x " + a.getInstrument() + " at " + a.getPrice().toPlainString(),
                    a.getOrderId(), null);
        }
        if (event instanceof SignalCompleted c) {
            return change(c.getMetadata(), Optional.of(SignalStatus.COMPLETED),
                    c.getExitReason() + " exit at " + c.getExitPrice().toPlainString() + ", P&L " + c.getProfitLoss().toPlainString(),
                    null, new SignalChange.Exit(c.getExitPrice(), c.getProfitLoss(), c.getProfitLossPct(), c.getExitReason().name()));
        }
        if (event instanceof SignalStopped s) {
            return change(s.getMetadata(), Optional.of(SignalStatus.STOPPED),
                    s.getExitReason() + " exit at " + s.getExitPrice().toPlainString() + ", P&L " + s.getProfitLoss().toPlainString(),
                    null, new SignalChange.Exit(s.getExitPrice(), s.getProfitLoss(), s.getProfitLossPct(), s.getExitReason().name()));
        }
        if (event instanceof SignalRejected r) {
            return change(r.getMetadata(), Optional.of(SignalStatus.REJECTED),
                    r.getStage() + ": " + String.join("; ", r.getReasons().stream().map(RejectionReason::getMessage).toList()),
                    null, null);
        }
        if (event instanceof SignalUpdated u) {
            return change(u.getMetadata(), statusOf(u), u.getUpdates().toString(), null, null);
        }
        throw new IllegalArgumentException("not a signal lifecycle event: " + event.getSchema().getName());
    }

    private static SignalChange change(EventMetadata meta, Optional<SignalStatus> status, String detail, String orderId,
                                       SignalChange.Exit exit) {
        return new SignalChange(meta.getEventId(), meta.getEventType().name(), meta.getOccurredAt(), meta.getProducer(), status,
                detail, orderId, exit);
    }

    private static Optional<SignalStatus> statusOf(SignalUpdated updated) {
        String status = updated.getUpdates().get(UPDATE_STATUS);
        if (status == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SignalStatus.valueOf(status));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
