package com.alphastocks.strategies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import com.alphastocks.sdk.Signal;

/**
 * How the sample strategies turn a setup into a signal: entry at the candle's close, stop 1.5 ATR and target 3 ATR
 * away (2:1), expected move the target's distance in percent, strength 0–10; the client signal id names the strategy,
 * symbol and candle, so a strategy that restarts and sees the candle again sends a retry, not a second signal.
 */
final class TradePlan {

    static final double STOP_ATR = 1.5;
    static final double TARGET_ATR = 3.0;

    private TradePlan() {
    }

    static Signal signal(String strategy, boolean buy, Candle candle, double atr, double strength, String timeframe,
                         Map<String, Double> features) {
        double close = candle.close();
        double stop = buy ? close - STOP_ATR * atr : close + STOP_ATR * atr;
        double target = buy ? close + TARGET_ATR * atr : close - TARGET_ATR * atr;
        Signal signal = (buy ? Signal.buy(candle.symbol()) : Signal.sell(candle.symbol()))
                .entry(price(close)).stopLoss(price(stop)).target(price(target))
                .strength(decimal(Math.max(0, Math.min(10, strength)), 1))
                .expectedMovePct(decimal(TARGET_ATR * atr / close * 100, 2))
                .timeframe(timeframe)
                .clientSignalId(strategy + "-" + candle.symbol() + "-" + candle.start().getEpochSecond());
        features.forEach(signal::feature);
        signal.feature("atr", atr);
        return signal;
    }

    /** A price to the exchange's tick of 0.05. */
    static String price(double value) {
        return BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(20)).setScale(0, RoundingMode.HALF_UP)
                .divide(BigDecimal.valueOf(20), 2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
