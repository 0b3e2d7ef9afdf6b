package com.alphastocks.analytics.score;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trading day's report: its closed trades in the order they closed, their gross and net P&L, charges, win rate and
 * the deepest fall of the running net P&L from its high (from zero at the day's start), in all and by strategy.
 */
public record DayReport(LocalDate day, int trades, int wins, BigDecimal grossPnl, BigDecimal charges, BigDecimal netPnl,
                        BigDecimal maxDrawdown, List<StrategyLine> strategies, List<Row> rows) {

    /** One closed trade: what was bought and sold, its P&L, why and when (market time). */
    public record Row(String positionId, String strategy, String instrument, int quantity, BigDecimal entryPremium,
                      BigDecimal exitPremium, BigDecimal grossPnl, BigDecimal charges, BigDecimal netPnl, String exitReason,
                      Instant enteredAt, Instant exitedAt) {
    }

    public record StrategyLine(String strategy, int trades, int wins, BigDecimal netPnl) {
    }

    public static DayReport of(LocalDate day, List<Row> trades) {
        List<Row> rows = trades.stream().sorted(Comparator.comparing(Row::exitedAt).thenComparing(Row::positionId)).toList();
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal charges = BigDecimal.ZERO;
        BigDecimal running = BigDecimal.ZERO;
        BigDecimal peak = BigDecimal.ZERO;
        BigDecimal drawdown = BigDecimal.ZERO;
        int wins = 0;
        Map<String, StrategyLine> byStrategy = new TreeMap<>();
        for (Row r : rows) {
            gross = gross.add(r.grossPnl());
            charges = charges.add(r.charges());
            running = running.add(r.netPnl());
            peak = peak.max(running);
            drawdown = drawdown.max(peak.subtract(running));
            boolean won = r.netPnl().signum() > 0;
            wins += won ? 1 : 0;
            byStrategy.merge(r.strategy(), new StrategyLine(r.strategy(), 1, won ? 1 : 0, r.netPnl()),
                    (a, b) -> new StrategyLine(a.strategy(), a.trades() + 1, a.wins() + b.wins(), a.netPnl().add(b.netPnl())));
        }
        return new DayReport(day, rows.size(), wins, gross, charges, running, drawdown, new ArrayList<>(byStrategy.values()), rows);
    }
}
