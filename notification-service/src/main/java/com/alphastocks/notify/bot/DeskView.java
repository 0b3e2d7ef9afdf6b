package com.alphastocks.notify.bot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the bot answers from: the open positions with their latest mark, and every closed trade once, kept from the
 * position events. Each change is idempotent by position id (an event that comes twice, or a position's opening read
 * after its close, changes nothing), so the view can be read back whole at start and then follow the live events.
 * Days are the exchange's, from the events' own times: in a replay, the replayed day.
 */
public final class DeskView {

    /** An open position as last seen; {@code mark} and {@code unrealized} null until its first update. */
    public record Open(String positionId, String strategy, String instrument, int quantity, BigDecimal entry, BigDecimal stop,
                       BigDecimal target, BigDecimal mark, BigDecimal unrealized, Instant enteredAt) {
    }

    /** A position's end: its net P&L (after charges) and why it closed. */
    public record Closed(String positionId, String strategy, String instrument, BigDecimal net, String exitReason, Instant at) {
    }

    /** Trades, winners and net P&L of a strategy or a day. */
    public record Score(String name, int trades, int wins, BigDecimal net) {
        Score add(Closed trade) {
            return new Score(name, trades + 1, wins + (trade.net().signum() > 0 ? 1 : 0), net.add(trade.net()));
        }
    }

    private final ZoneId exchangeZone;
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Map<String, Closed> closed = new LinkedHashMap<>();
    private Instant newest;

    public DeskView(ZoneId exchangeZone) {
        this.exchangeZone = exchangeZone;
    }

    public synchronized void opened(Open position) {
        if (!closed.containsKey(position.positionId())) {
            open.putIfAbsent(position.positionId(), position);
            seen(position.enteredAt());
        }
    }

    /** A position's latest premium, unrealized P&L and stop (the stop moves when it trails). */
    public synchronized void marked(String positionId, BigDecimal mark, BigDecimal unrealized, BigDecimal stop) {
        open.computeIfPresent(positionId, (id, p) -> new Open(id, p.strategy(), p.instrument(), p.quantity(), p.entry(),
                stop == null ? p.stop() : stop, p.target(), mark, unrealized, p.enteredAt()));
    }

    public synchronized void closed(Closed trade) {
        if (closed.putIfAbsent(trade.positionId(), trade) == null) {
            open.remove(trade.positionId());
            seen(trade.at());
        }
    }

    private void seen(Instant at) {
        if (at != null && (newest == null || at.isAfter(newest))) {
            newest = at;
        }
    }

    /** The open positions, oldest first. */
    public synchronized List<Open> openPositions() {
        return open.values().stream().sorted(Comparator.comparing(Open::enteredAt, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** The exchange day of the newest event seen: "today" in the market's time (a replay's own day). */
    public synchronized Optional<LocalDate> marketDay() {
        return Optional.ofNullable(newest).map(at -> LocalDate.ofInstant(at, exchangeZone));
    }

    /** Every strategy's score, by name. */
    public synchronized List<Score> byStrategy() {
        return List.copyOf(scores(Closed::strategy, new TreeMap<>()).values());
    }

    /** The score of each exchange day with a trade, the newest first, at most {@code days}. */
    public synchronized List<Score> byDay(int days) {
        Map<String, Score> scores = scores(trade -> LocalDate.ofInstant(trade.at(), exchangeZone).toString(),
                new TreeMap<>(Comparator.reverseOrder()));
        return new ArrayList<>(scores.values()).subList(0, Math.min(days, scores.size()));
    }

    /** The score of one exchange day (no trades: zero). */
    public synchronized Score day(LocalDate day) {
        return byDay(Integer.MAX_VALUE).stream().filter(s -> s.name().equals(day.toString())).findFirst()
                .orElse(new Score(day.toString(), 0, 0, BigDecimal.ZERO));
    }

    private Map<String, Score> scores(Function<Closed, String> by, Map<String, Score> into) {
        for (Closed trade : closed.values()) {
            into.merge(by.apply(trade), new Score(by.apply(trade), 0, 0, BigDecimal.ZERO).add(trade), (a, b) -> a.add(trade));
        }
        return into;
    }

    /** How many positions the view knows, open and closed (for the start-up log). */
    public synchronized Map<String, Integer> size() {
        Map<String, Integer> size = new HashMap<>();
        size.put("open", open.size());
        size.put("closed", closed.size());
        return size;
    }
}
