package com.alphastocks.strategies.indicators;

import java.util.OptionalDouble;

import com.alphastocks.strategies.Candle;

/** Wilder's average true range over {@code period} candles: how far the price typically travels in one. */
public final class Atr {

    private final int period;
    private double previousClose = Double.NaN;
    private double value;
    private int seen;

    public Atr(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("ATR needs a period of at least 1, not " + period);
        }
        this.period = period;
    }

    public OptionalDouble add(Candle c) {
        double range = c.high() - c.low();
        double trueRange = Double.isNaN(previousClose) ? range
                : Math.max(range, Math.max(Math.abs(c.high() - previousClose), Math.abs(c.low() - previousClose)));
        previousClose = c.close();
        seen++;
        if (seen <= period) {
            value += trueRange / period;
            return seen < period ? OptionalDouble.empty() : OptionalDouble.of(value);
        }
        value = (value * (period - 1) + trueRange) / period;
        return OptionalDouble.of(value);
    }
}
