package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The trading day at a glance, on the market's clock: the equity curve of the account and of each strategy (net P&L
 * of the day's closed trades, added up as they close, from zero at the day's first moment), the underlyings' price a
 * minute, and each entry and exit marked on its underlying's price. The day is the market's newest (a replay's own).
 */
public record DayChart(LocalDate day, Instant marketTime, Map<String, List<Point>> equity, Map<String, List<Point>> prices,
                       List<Marker> markers, BigDecimal dayNet) {

    public static final String ACCOUNT = "account";

    public record Point(Instant at, BigDecimal value) {
    }

    /**
     * An entry or an exit at {@code at}, drawn on its underlying's price of {@code minute} (the minute it happened in, or
     * the last one before with a price); an exit says its net P&L.
     */
    public record Marker(String underlying, Instant at, Instant minute, BigDecimal price, Kind kind, String strategy, BigDecimal netPnl) {
    }

    public enum Kind { ENTRY, EXIT }

    /** No day yet: nothing traded and no price seen. */
    public static final DayChart EMPTY = new DayChart(null, null, Map.of(), Map.of(), List.of(), BigDecimal.ZERO);

    /**
     * @param trades the closed trades (any days)
     * @param open   the positions still open (their entries are marked)
     * @param prices each underlying's price a minute (any days)
     */
    public static DayChart of(List<Trade> trades, List<OpenPosition> open, Map<String, NavigableMap<Instant, BigDecimal>> prices, ZoneId zone) {
        Optional<Instant> marketTime = Stream.concat(prices.values().stream().map(NavigableMap::lastKey),
                trades.stream().map(Trade::closedAt)).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder());
        if (marketTime.isEmpty()) {
            return EMPTY;
        }
        LocalDate day = LocalDate.ofInstant(marketTime.get(), zone);
        List<Trade> today = trades.stream().filter(t -> t.closedAt() != null && LocalDate.ofInstant(t.closedAt(), zone).equals(day))
                .sorted(Comparator.comparing(Trade::closedAt).thenComparing(Trade::signalId)).toList();

        Map<String, List<Point>> dayPrices = new TreeMap<>();
        prices.forEach((underlying, minutes) -> {
            List<Point> points = minutes.entrySet().stream().filter(e -> LocalDate.ofInstant(e.getKey(), zone).equals(day))
                    .map(e -> new Point(e.getKey(), e.getValue())).toList();
            if (!points.isEmpty()) {
                dayPrices.put(underlying, points);
            }
        });

        Instant start = Stream.concat(dayPrices.values().stream().map(p -> p.get(0).at()), today.stream().map(Trade::openedAt))
                .min(Comparator.naturalOrder()).orElseThrow();
        Map<String, List<Point>> equity = new LinkedHashMap<>();
        Map<String, BigDecimal> running = new TreeMap<>();
        equity.put(ACCOUNT, new ArrayList<>(List.of(new Point(start, BigDecimal.ZERO))));
        today.stream().map(Trade::strategy).distinct().sorted()
                .forEach(s -> equity.put(s, new ArrayList<>(List.of(new Point(start, BigDecimal.ZERO)))));
        List<Marker> markers = new ArrayList<>();
        for (Trade t : today) {
            BigDecimal account = running.merge(ACCOUNT, t.netPnl(), BigDecimal::add);
            BigDecimal strategy = running.merge(t.strategy(), t.netPnl(), BigDecimal::add);
            equity.get(ACCOUNT).add(new Point(t.closedAt(), account));
            equity.get(t.strategy()).add(new Point(t.closedAt(), strategy));
            mark(markers, prices, t.underlying(), t.openedAt(), Kind.ENTRY, t.strategy(), null);
            mark(markers, prices, t.underlying(), t.closedAt(), Kind.EXIT, t.strategy(), t.netPnl());
        }
        open.stream().filter(p -> p.openedAt() != null && LocalDate.ofInstant(p.openedAt(), zone).equals(day))
                .forEach(p -> mark(markers, prices, p.underlying(), p.openedAt(), Kind.ENTRY, p.strategy(), null));
        markers.sort(Comparator.comparing(Marker::at));
        return new DayChart(day, marketTime.get(), equity, dayPrices, markers, running.getOrDefault(ACCOUNT, BigDecimal.ZERO));
    }

    /** At the underlying's price of the minute it happened in (the last minute before, when that one had no tick). */
    private static void mark(List<Marker> markers, Map<String, NavigableMap<Instant, BigDecimal>> prices, String underlying, Instant at,
                             Kind kind, String strategy, BigDecimal net) {
        NavigableMap<Instant, BigDecimal> minutes = prices.get(underlying);
        Map.Entry<Instant, BigDecimal> price = minutes == null || at == null ? null : minutes.floorEntry(at);
        if (price != null) {
            markers.add(new Marker(underlying, at, price.getKey(), price.getValue(), kind, strategy, net));
        }
    }
}
