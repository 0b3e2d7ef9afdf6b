package com.alphastocks.executor.trading;

import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.Markets;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

    /** A BUY signal of the RSI strategy as the desk trades it. */
    public static Signal bullish(String symbol, String strength, String move) {
        return signalOf(symbol, Signal.Action.BUY, strength, move);
    }

    public static Signal signalOf(String symbol, Signal.Action action, String strength, String move) {
        return signalOf("RSI", symbol, action, strength, move);
    }

    public static Signal signalOf(String strategy, String symbol, Signal.Action action, String strength, String move) {
        return new Signal(EventIds.random(), strategy, symbol, action, Decimals.of(strength), Decimals.of(move));
    }

    /** A BUY signal as signal.generated carries it. */
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

    /** A market whose prices and quotes a test sets. */
    public static final class FakeMarket implements Market {
        public final Map<String, BigDecimal> prices = new HashMap<>();
        public final Map<String, OptionQuote> quotes = new HashMap<>();
        public Trend trend = Trend.FLAT;
        public java.time.Instant time;

        @Override
        public Optional<BigDecimal> lastPrice(String instrument) {
            return Optional.ofNullable(prices.get(instrument));
        }

        @Override
        public Optional<OptionQuote> quote(String instrument) {
            return Optional.ofNullable(quotes.get(instrument));
        }

        @Override
        public Trend trend(String underlying) {
            return trend;
        }

        @Override
        public Optional<java.time.Instant> time() {
            return Optional.ofNullable(time);
        }
    }
}
