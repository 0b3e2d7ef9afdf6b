package com.alphastocks.feed;

import java.util.Optional;

import com.alphastocks.contracts.MarketTick;

/** Where ticks come from, in exchange-time order: a CSV file, a synthetic day, or a broker's stream. */
public interface TickSource extends AutoCloseable {

    /** The next tick, or empty when the source is exhausted (a live source blocks until one comes). */
    Optional<MarketTick> next();

    @Override
    default void close() {
    }
}
