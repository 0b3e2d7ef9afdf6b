package com.alphastocks.sdk;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.alphastocks.contracts.SignalAction;
import com.alphastocks.streams.Decimals;

/**
 * A trading signal as a strategy states it, with the seed's fields: prices of the underlying, signal strength
 * on a 0–10 scale, expected move in percent. Build one with {@link #buy} or {@link #sell}:
 * <pre>{@code
 * Signal.buy("NIFTY").entry("21500").stopLoss("21350").target("21700")
 *       .strength("7.5").expectedMovePct("0.93").clientSignalId("rsi-42").feature("rsi", 32.5)
 * }</pre>
 * The signal-service validates it; a refused signal comes back on {@code signal.rejected} with every reason.
 */
public final class Signal {

    final String symbol;
    final SignalAction action;
    BigDecimal entryPrice;
    BigDecimal stopLoss;
    BigDecimal target;
    BigDecimal signalStrength;
    BigDecimal expectedMovePct;
    String clientSignalId;
    String timeframe;
    boolean urgent;
    java.time.Instant marketTime;
    final Map<String, Double> features = new LinkedHashMap<>();

    private Signal(String symbol, SignalAction action) {
        this.symbol = symbol;
        this.action = action;
    }

    /** Bullish on the underlying: the executor buys a call. */
    public static Signal buy(String symbol) {
        return new Signal(symbol, SignalAction.BUY);
    }

    /** Bearish on the underlying: the executor buys a put. */
    public static Signal sell(String symbol) {
        return new Signal(symbol, SignalAction.SELL);
    }

    public Signal entry(String price) {
        entryPrice = new BigDecimal(price);
        return this;
    }

    public Signal stopLoss(String price) {
        stopLoss = new BigDecimal(price);
        return this;
    }

    public Signal target(String price) {
        target = new BigDecimal(price);
        return this;
    }

    /** 0 (weakest) to 10 (strongest). */
    public Signal strength(String strength) {
        signalStrength = new BigDecimal(strength);
        return this;
    }

    public Signal expectedMovePct(String percent) {
        expectedMovePct = new BigDecimal(percent);
        return this;
    }

    /** The strategy's own id: sending the same id again is a retry and yields the same signal, never a second. */
    public Signal clientSignalId(String id) {
        clientSignalId = id;
        return this;
    }

    /** Candle timeframe, e.g. {@code 5min}. */
    public Signal timeframe(String candles) {
        timeframe = candles;
        return this;
    }

    /**
     * The market's clock when the signal was made, e.g. the exchange time of the tick that closed its candle (a replayed
     * day's own time in a replay): the signal-service's events about the signal carry it, and the ML rows date the
     * signal by it (the executor's and position-service's events carry the market they decided on). Unset: none.
     */
    public Signal marketTime(java.time.Instant at) {
        marketTime = at;
        return this;
    }

    /** Marks the signal HIGH priority. */
    public Signal urgent() {
        urgent = true;
        return this;
    }

    /** An indicator value kept with the signal, e.g. {@code rsi = 32.5}, for the ML rows. */
    public Signal feature(String name, double value) {
        features.put(name, value);
        return this;
    }

    /** e.g. {@code BUY NIFTY entry 21500 stop 21400 target 21700 strength 7.5 move 1.6% [5min] rsi-1 {rsi=32.5}}, for logs. */
    @Override
    public String toString() {
        return action + " " + symbol + " entry " + plain(entryPrice) + " stop " + plain(stopLoss) + " target " + plain(target)
                + " strength " + plain(signalStrength) + " move " + plain(expectedMovePct) + "%"
                + (timeframe == null ? "" : " [" + timeframe + "]") + (clientSignalId == null ? "" : " " + clientSignalId)
                + (features.isEmpty() ? "" : " " + features);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : Decimals.plain(value);
    }
}
