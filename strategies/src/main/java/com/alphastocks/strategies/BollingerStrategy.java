package com.alphastocks.strategies;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.sdk.Signal;
import com.alphastocks.strategies.indicators.Atr;
import com.alphastocks.strategies.indicators.BollingerBands;

/**
 * Bollinger Bands bounce (20, 2σ): BUY when a close comes back inside after a close below the lower band, SELL when
 * one comes back inside after a close above the upper band. The further the excursion went (in ATRs), the stronger:
 * 6 at the band, 10 at one ATR beyond.
 */
public final class BollingerStrategy implements SampleStrategy {

    private final String timeframe;
    private final Map<String, State> bySymbol = new HashMap<>();

    public BollingerStrategy(String timeframe) {
        this.timeframe = timeframe;
    }

    @Override
    public String name() {
        return "BOLLINGER";
    }

    @Override
    public Optional<Signal> onCandle(Candle candle) {
        State s = bySymbol.computeIfAbsent(candle.symbol(), k -> new State());
        var atr = s.atr.add(candle);
        var bands = s.bands.add(candle.close());
        if (bands.isEmpty() || atr.isEmpty()) {
            return Optional.empty();
        }
        double close = candle.close();
        BollingerBands.Value b = bands.get();
        Optional<Signal> signal = Optional.empty();
        if (s.overshoot < 0 && close > b.lower()) {
            signal = Optional.of(plan(true, candle, atr.getAsDouble(), -s.overshoot, b));
        } else if (s.overshoot > 0 && close < b.upper()) {
            signal = Optional.of(plan(false, candle, atr.getAsDouble(), s.overshoot, b));
        }
        s.overshoot = close < b.lower() ? close - b.lower() : close > b.upper() ? close - b.upper() : 0;
        return signal;
    }

    private Signal plan(boolean buy, Candle candle, double atr, double overshoot, BollingerBands.Value b) {
        return TradePlan.signal(name(), buy, candle, atr, 6 + 4 * Math.min(1, overshoot / atr), timeframe,
                Map.of("bb_middle", b.middle(), "bb_upper", b.upper(), "bb_lower", b.lower()));
    }

    private static final class State {
        final BollingerBands bands = new BollingerBands(20, 2);
        final Atr atr = new Atr(14);
        double overshoot;
    }
}
