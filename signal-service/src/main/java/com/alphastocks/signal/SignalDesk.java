package com.alphastocks.signal;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

/**
 * Turns a strategy's signal into the system's signal: it gets its signal id, which becomes the correlation id
 * of everything that follows. Plain Java, no Kafka.
 */
public final class SignalDesk {

    private final Envelope envelope;

    public SignalDesk(Envelope envelope) {
        this.envelope = envelope;
    }

    public SignalGenerated generate(StrategySignal signal) {
        String signalId = signalId(signal);
        return SignalGenerated.newBuilder()
                .setMetadata(envelope.metadata(EventType.SIGNAL_GENERATED, EventIds.derived(EventType.SIGNAL_GENERATED, signalId),
                        signalId, signal.getMetadata().getEventId(), signal.getUrgent() ? Priority.HIGH : Priority.NORMAL))
                .setSignalId(signalId)
                .setClientSignalId(signal.getClientSignalId())
                .setStrategy(signal.getStrategy())
                .setSymbol(signal.getSymbol())
                .setAction(signal.getAction())
                .setEntryPrice(signal.getEntryPrice())
                .setStopLoss(signal.getStopLoss())
                .setTarget(signal.getTarget())
                .setSignalStrength(signal.getSignalStrength())
                .setExpectedMovePct(signal.getExpectedMovePct())
                .setTimeframe(signal.getTimeframe())
                .setFeatures(signal.getFeatures())
                .build();
    }

    /**
     * The same strategy signal always gets the same id: from the strategy's own id when it gives one (a resend
     * is a retry), otherwise from the event that carried it (a redelivery is the same event).
     */
    static String signalId(StrategySignal signal) {
        return signal.getClientSignalId() != null
                ? EventIds.derived(EventType.STRATEGY_SIGNAL, signal.getStrategy(), signal.getClientSignalId())
                : EventIds.derived(EventType.STRATEGY_SIGNAL, signal.getMetadata().getEventId());
    }
}
