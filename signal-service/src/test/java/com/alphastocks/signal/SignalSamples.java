package com.alphastocks.signal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.SignalIds;

public final class SignalSamples {

    public static final Envelope STRATEGY = new Envelope("strategy.RSI", Clock.systemUTC());

    private SignalSamples() {
    }

    /** A good BUY of NIFTY from the RSI strategy, sent now, as a fresh event. */
    public static StrategySignal niftyBuy(String clientSignalId) {
        return niftyBuy(clientSignalId, Instant.now());
    }

    public static StrategySignal niftyBuy(String clientSignalId, Instant at) {
        String eventId = EventIds.random();
        return StrategySignal.newBuilder()
                .setMetadata(STRATEGY.metadataAt(at, EventType.STRATEGY_SIGNAL, eventId,
                        SignalIds.of("RSI", clientSignalId, eventId), null, Priority.NORMAL))
                .setClientSignalId(clientSignalId)
                .setStrategy("RSI")
                .setSymbol("NIFTY")
                .setAction(SignalAction.BUY)
                .setEntryPrice(Decimals.of("21500"))
                .setStopLoss(Decimals.of("21350"))
                .setTarget(Decimals.of("21700"))
                .setSignalStrength(Decimals.of("7.5"))
                .setExpectedMovePct(Decimals.of("0.93"))
                .setTimeframe("5min")
                .setFeatures(Map.of("rsi", 32.5))
                .build();
    }

    /** The same signal as {@code signal}, sent again in a new event (a strategy's retry). */
    public static StrategySignal resent(StrategySignal signal) {
        StrategySignal copy = StrategySignal.newBuilder(signal).build();
        copy.setMetadata(STRATEGY.metadata(EventType.STRATEGY_SIGNAL, EventIds.random(),
                signal.getMetadata().getCorrelationId(), null, Priority.NORMAL));
        return copy;
    }
}
