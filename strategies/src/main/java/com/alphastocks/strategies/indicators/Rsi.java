package com.alphastocks.strategies.indicators;

import java.util.OptionalDouble;

/** Wilder's relative strength index over {@code period} closes: 0 (only falls) to 100 (only rises). */
public final class Rsi {

    private final int period;
    private double previous = Double.NaN;
    private double averageGain;
    private double averageLoss;
    private int changes;

    public Rsi(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("RSI needs a period of at least 1, not " + period);
        }
        this.period = period;
    }

    public OptionalDouble add(double close) {
        if (Double.isNaN(previous)) {
            previous = close;
            return OptionalDouble.empty();
        }
        double change = close - previous;
        previous = close;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        changes++;
        if (changes <= period) {
            // The first average is a plain one over the first period of changes.
            averageGain += gain / period;
            averageLoss += loss / period;
            if (changes < period) {
                return OptionalDouble.empty();
            }
        } else {
            averageGain = (averageGain * (period - 1) + gain) / period;
            averageLoss = (averageLoss * (period - 1) + loss) / period;
        }
        if (averageLoss == 0) {
            return OptionalDouble.of(averageGain == 0 ? 50 : 100);
        }
        return OptionalDouble.of(100 - 100 / (1 + averageGain / averageLoss));
    }
}
