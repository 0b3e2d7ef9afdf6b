package com.alphastocks.strategies;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds candles of one period per symbol from ticks in time order: a tick in a later period closes the symbol's
 * candle and hands it out. Periods are aligned to the epoch (a 5-minute candle starts at 09:15, 09:20, ...).
 */
public final class CandleBuilder {

    private final long periodMillis;
    private final Map<String, Candle> open = new HashMap<>();

    public CandleBuilder(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a candle needs a positive period, not " + period);
        }
        this.periodMillis = period.toMillis();
    }

    /** Adds a tick; returns the candle it closed, if it opened a new one. A tick older than the open candle is ignored. */
    public Optional<Candle> add(String symbol, Instant time, double price) {
        Instant start = Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), periodMillis) * periodMillis);
        Candle current = open.get(symbol);
        if (current == null || start.isAfter(current.start())) {
            open.put(symbol, new Candle(symbol, start, price, price, price, price));
            return Optional.ofNullable(current);
        }
        if (start.equals(current.start())) {
            open.put(symbol, current.with(price));
        }
        return Optional.empty();
    }
}
