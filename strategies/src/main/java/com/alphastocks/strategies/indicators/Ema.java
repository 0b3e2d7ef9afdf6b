package com.alphastocks.strategies.indicators;

import java.util.OptionalDouble;

/** Exponential moving average, seeded with the simple average of the first {@code period} values. */
public final class Ema {

    private final int period;
    private final double alpha;
    private double sum;
    private int seen;
    private double value;

    public Ema(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("an average needs a period of at least 1, not " + period);
        }
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    public OptionalDouble add(double x) {
        seen++;
        if (seen < period) {
            sum += x;
            return OptionalDouble.empty();
        }
        value = seen == period ? (sum + x) / period : value + alpha * (x - value);
        return OptionalDouble.of(value);
    }
}
