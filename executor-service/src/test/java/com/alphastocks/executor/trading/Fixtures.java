package com.alphastocks.executor.trading;

import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.Markets;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

/** Wednesday 3 Dec 2025, CONSERVATIVE mode, ₹5,00,000; model IV 15 %, rate 6.5 %: the settings the executor's tests share. */
public final class Fixtures {

    public static final LocalDate TODAY = LocalDate.of(2025, 12, 3);
    public static final RiskLimits LIMITS = new RiskLimits(new BigDecimal("500000"), 3, null, null, new BigDecimal("15"),
            new BigDecimal("5"), 3, new BigDecimal("0.5"), null);
    public static final TradePlanner.Settings SETTINGS = new TradePlanner.Settings(TradingMode.CONSERVATIVE.defaults(), ChainRules.DEFAULTS,
            LIMITS, 5, Map.of("NIFTY", Markets.NIFTY, "BANKNIFTY", Markets.BANKNIFTY), new ExpiryCalendar(Set.of()),
            new BigDecimal("15"), new BigDecimal("6.5"), LocalTime.of(15, 15));

    private Fixtures() {
    }

    public static SignalGenerated buy(String symbol, String strength, String move) {
        return signal(symbol, SignalAction.BUY, strength, move);
    }

    public static SignalGenerated signal(String symbol, SignalAction action, String strength, String move) {
        String signalId = EventIds.random();
        return SignalGenerated.newBuilder()
                .setMetadata(new Envelope("signal-service", Clock.systemUTC()).metadata(EventType.SIGNAL_GENERATED,
                        EventIds.random(), signalId, null, Priority.NORMAL))
                .setSignalId(signalId).setStrategy("RSI").setSymbol(symbol).setAction(action)
                .setEntryPrice(Decimals.of("21500")).setStopLoss(Decimals.of("21350")).setTarget(Decimals.of("21700"))
                .setSignalStrength(Decimals.of(strength)).setExpectedMovePct(Decimals.of(move)).setFeatures(Map.of())
                .build();
    }
}
