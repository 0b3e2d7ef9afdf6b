package com.alphastocks.launcher;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.TickSource;

/** A day of ticks played in two halves (until a moment, then the rest), remembering the last price of each instrument. */
final class MarketDay {

    private final TickSource day;
    private final Map<String, String> lastPrices = new HashMap<>();
    private final Map<String, java.util.TreeMap<Instant, java.math.BigDecimal>> underlyings = new HashMap<>();
    private MarketTick held;

    MarketDay(TickSource day) {
        this.day = day;
    }

    TickSource until(Instant moment) {
        return () -> {
            MarketTick tick = held != null ? held : day.next().orElse(null);
            held = null;
            if (tick == null) {
                return Optional.empty();
            }
            if (!tick.getExchangeTime().isBefore(moment)) {
                held = tick;
                return Optional.empty();
            }
            return Optional.of(seen(tick));
        };
    }

    TickSource rest() {
        return until(Instant.MAX);
    }

    String lastPrice(String instrument) {
        return lastPrices.get(instrument);
    }

    /** Whether an underlying rose over the last {@code window} of market time. */
    boolean rose(String underlying, java.time.Duration window) {
        java.util.TreeMap<Instant, java.math.BigDecimal> prices = underlyings.get(underlying);
        var latest = prices.lastEntry();
        var before = prices.floorEntry(latest.getKey().minus(window));
        return latest.getValue().compareTo((before == null ? prices.firstEntry() : before).getValue()) > 0;
    }

    private MarketTick seen(MarketTick tick) {
        lastPrices.put(tick.getInstrument(), tick.getLastPrice().stripTrailingZeros().toPlainString());
        if (tick.getOption() == null) {
            underlyings.computeIfAbsent(tick.getInstrument(), k -> new java.util.TreeMap<>()).put(tick.getExchangeTime(), tick.getLastPrice());
        }
        return tick;
    }
}
