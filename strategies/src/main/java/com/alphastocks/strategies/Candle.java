package com.alphastocks.strategies;

import java.time.Instant;

/** One bar of an underlying's price over a period starting at {@code start}. */
public record Candle(String symbol, Instant start, double open, double high, double low, double close) {

    Candle with(double price) {
        return new Candle(symbol, start, open, Math.max(high, price), Math.min(low, price), price);
    }
}
