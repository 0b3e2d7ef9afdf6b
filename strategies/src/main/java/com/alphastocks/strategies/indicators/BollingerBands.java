package com.alphastocks.strategies.indicators;

import java.util.ArrayDeque;
import java.util.Optional;

/** The simple average of the last {@code period} closes, with bands {@code width} standard deviations above and below. */
public final class BollingerBands {

    /** One reading: the middle band and the two outer ones. */
    public record Value(double middle, double upper, double lower) {
    }

    private final int period;
    private final double width;
    private final ArrayDeque<Double> window = new ArrayDeque<>();

    public BollingerBands(int period, double width) {
        if (period < 2) {
            throw new IllegalArgumentException("Bollinger Bands need a period of at least 2, not " + period);
        }
        this.period = period;
        this.width = width;
    }

    public Optional<Value> add(double close) {
        window.addLast(close);
        if (window.size() > period) {
            window.removeFirst();
        }
        if (window.size() < period) {
            return Optional.empty();
        }
        double mean = window.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = window.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / period;
        double deviation = Math.sqrt(variance);
        return Optional.of(new Value(mean, mean + width * deviation, mean - width * deviation));
    }
}
