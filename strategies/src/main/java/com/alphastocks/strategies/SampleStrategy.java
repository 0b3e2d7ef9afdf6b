package com.alphastocks.strategies;

import java.util.Optional;

import com.alphastocks.sdk.Signal;

/** A strategy that reads closed candles of its underlyings and now and then has a signal to send. */
public interface SampleStrategy {

    /** The name its signals carry (RSI, MACD, BOLLINGER). */
    String name();

    Optional<Signal> onCandle(Candle candle);
}
