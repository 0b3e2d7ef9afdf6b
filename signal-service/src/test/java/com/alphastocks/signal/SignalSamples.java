package com.alphastocks.signal;

import java.time.Clock;
import java.util.Map;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

final class SignalSamples {

    static final Envelope STRATEGY = new Envelope("strategy.RSI", Clock.systemUTC());

    private SignalSamples() {
    }

    static StrategySignal niftyBuy(String clientSignalId) {
        return StrategySignal.newBuilder()
                .setMetadata(STRATEGY.metadata(EventType.STRATEGY_SIGNAL, EventIds.random(), clientSignalId, null, Priority.NORMAL))
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
}
