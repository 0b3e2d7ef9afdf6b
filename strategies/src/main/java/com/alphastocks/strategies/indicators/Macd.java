package com.alphastocks.strategies.indicators;

import java.util.Optional;

/** MACD: the fast EMA less the slow EMA of closes, its signal line (an EMA of it) and the histogram between them. */
public final class Macd {

    /** One MACD reading. */
    public record Value(double macd, double signal, double histogram) {
    }

    private final Ema fast;
    private final Ema slow;
    private final Ema signal;

    public Macd(int fast, int slow, int signal) {
        if (fast >= slow) {
            throw new IllegalArgumentException("MACD's fast period must be shorter than its slow one, not " + fast + " and " + slow);
        }
        this.fast = new Ema(fast);
        this.slow = new Ema(slow);
        this.signal = new Ema(signal);
    }

    /** The classic 12, 26, 9. */
    public static Macd standard() {
        return new Macd(12, 26, 9);
    }

    public Optional<Value> add(double close) {
        var f = fast.add(close);
        var s = slow.add(close);
        if (f.isEmpty() || s.isEmpty()) {
            return Optional.empty();
        }
        double macd = f.getAsDouble() - s.getAsDouble();
        var line = signal.add(macd);
        return line.isEmpty() ? Optional.empty() : Optional.of(new Value(macd, line.getAsDouble(), macd - line.getAsDouble()));
    }
}
