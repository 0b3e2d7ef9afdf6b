package com.alphastocks.strategies;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.sdk.Signal;
import com.alphastocks.strategies.indicators.Atr;
import com.alphastocks.strategies.indicators.Macd;

/**
 * MACD crossover: BUY when the MACD line crosses above its signal line, SELL when it crosses below. A cross far from
 * the zero line (in ATRs) is the stronger one: 6 at zero, 10 at one ATR or more.
 */
public final class MacdStrategy implements SampleStrategy {

    private final String timeframe;
    private final Map<String, State> bySymbol = new HashMap<>();

    public MacdStrategy(String timeframe) {
        this.timeframe = timeframe;
    }

    @Override
    public String name() {
        return "MACD";
    }

    @Override
    public Optional<Signal> onCandle(Candle candle) {
        State s = bySymbol.computeIfAbsent(candle.symbol(), k -> new State());
        var atr = s.atr.add(candle);
        var macd = s.macd.add(candle.close());
        if (macd.isEmpty() || atr.isEmpty()) {
            return Optional.empty();
        }
        double histogram = macd.get().histogram();
        Optional<Signal> signal = Optional.empty();
        if (!Double.isNaN(s.histogram) && Math.signum(histogram) != Math.signum(s.histogram) && histogram != 0) {
            boolean buy = histogram > 0;
            double strength = 6 + 4 * Math.min(1, Math.abs(macd.get().macd()) / atr.getAsDouble());
            signal = Optional.of(TradePlan.signal(name(), buy, candle, atr.getAsDouble(), strength, timeframe,
                    Map.of("macd", macd.get().macd(), "macd_signal", macd.get().signal(), "macd_histogram", histogram)));
        }
        s.histogram = histogram;
        return signal;
    }

    private static final class State {
        final Macd macd = Macd.standard();
        final Atr atr = new Atr(14);
        double histogram = Double.NaN;
    }
}
