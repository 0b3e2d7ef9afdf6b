package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The underlyings' last price in each minute, by underlying and minute, as the price-minutes store keys them. */
public final class PriceMinutes {

    private PriceMinutes() {
    }

    public static String key(String underlying, Instant minute) {
        return underlying + "|" + minute;
    }

    /** The store's entries by underlying, each in time order. */
    public static Map<String, NavigableMap<Instant, BigDecimal>> byUnderlying(Map<String, BigDecimal> entries) {
        Map<String, NavigableMap<Instant, BigDecimal>> prices = new TreeMap<>();
        entries.forEach((key, price) -> {
            int bar = key.indexOf('|');
            prices.computeIfAbsent(key.substring(0, bar), u -> new TreeMap<>()).put(Instant.parse(key.substring(bar + 1)), price);
        });
        return prices;
    }
}
