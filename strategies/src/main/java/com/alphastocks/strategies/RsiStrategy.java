package com.alphastocks.strategies;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.sdk.Signal;
import com.alphastocks.strategies.indicators.Atr;
import com.alphastocks.strategies.indicators.Rsi;

/**
 * RSI reversal: BUY when RSI(14) climbs back above 30 after a dip below it, SELL when it falls back under 70 after
 * a run above it. The deeper the dip (or the higher the run), the stronger: 6 at the line, 10 at 10 points beyond.
 */
public final class RsiStrategy implements SampleStrategy {

    static final double OVERSOLD = 30;
    static final double OVERBOUGHT = 70;

    private final int period;
    private final String timeframe;
    private final Map<String, State> bySymbol = new HashMap<>();

    public RsiStrategy(int period, String timeframe) {
        this.period = period;
        this.timeframe = timeframe;
    }

    @Override
    public String name() {
        return "RSI";
    }

    @Override
    public Optional<Signal> onCandle(Candle candle) {
        State s = bySymbol.computeIfAbsent(candle.symbol(), k -> new State(new Rsi(period), new Atr(period)));
        var atr = s.atr.add(candle);
        var rsi = s.rsi.add(candle.close());
        if (rsi.isEmpty() || atr.isEmpty()) {
            return Optional.empty();
        }
        double value = rsi.getAsDouble();
        Optional<Signal> signal = Optional.empty();
        if (s.extreme < OVERSOLD && value >= OVERSOLD) {
            signal = Optional.of(TradePlan.signal(name(), true, candle, atr.getAsDouble(), 6 + (OVERSOLD - s.extreme) * 0.4, timeframe,
                    Map.of("rsi", value, "rsi_extreme", s.extreme)));
        } else if (s.extreme > OVERBOUGHT && value <= OVERBOUGHT) {
            signal = Optional.of(TradePlan.signal(name(), false, candle, atr.getAsDouble(), 6 + (s.extreme - OVERBOUGHT) * 0.4, timeframe,
                    Map.of("rsi", value, "rsi_extreme", s.extreme)));
        }
        // The extreme of the current excursion beyond a line; back between the lines, it is the value itself.
        s.extreme = value < OVERSOLD ? Math.min(s.extremeOr(value), value) : value > OVERBOUGHT ? Math.max(s.extremeOr(value), value) : value;
        return signal;
    }

    private static final class State {
        final Rsi rsi;
        final Atr atr;
        double extreme = 50;

        State(Rsi rsi, Atr atr) {
            this.rsi = rsi;
            this.atr = atr;
        }

        /** The running extreme if it is on the same side as {@code value}, else the value. */
        double extremeOr(double value) {
            boolean sameSide = value < OVERSOLD ? extreme < OVERSOLD : extreme > OVERBOUGHT;
            return sameSide ? extreme : value;
        }
    }
}
