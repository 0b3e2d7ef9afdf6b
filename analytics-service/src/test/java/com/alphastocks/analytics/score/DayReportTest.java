package com.alphastocks.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A day worked out by hand. Closes in time order: RSI +1,000 (10:00), MACD -1,500 (11:00), RSI -700 (12:00),
 * BOLLINGER +2,500 (13:00). Running net 1,000, -500, -1,200, 1,300: the high 1,000, the low after it -1,200, so the
 * deepest fall is 2,200; net 1,300, gross 1,540 (charges 240), 2 of 4 won.
 */
class DayReportTest {

    private static final LocalDate DAY = LocalDate.of(2025, 12, 3);

    private static DayReport.Row row(String id, String strategy, String net, String charges, String exitedAtUtc) {
        BigDecimal n = new BigDecimal(net);
        BigDecimal c = new BigDecimal(charges);
        Instant exited = Instant.parse("2025-12-03T" + exitedAtUtc + ":00Z");
        return new DayReport.Row(id, strategy, "NIFTY25D0921500CE", 75, new BigDecimal("150"), new BigDecimal("160"), n.add(c), c, n, "TARGET",
                exited.minusSeconds(1800), exited);
    }

    @Test
    void shouldAddUpTheDayAndFindItsDeepestFall() {
        // Given out of order: the report puts them in the order they closed.
        DayReport r = DayReport.of(DAY, List.of(
                row("p3", "RSI", "-700", "60", "06:30"),
                row("p1", "RSI", "1000", "60", "04:30"),
                row("p4", "BOLLINGER", "2500", "60", "07:30"),
                row("p2", "MACD", "-1500", "60", "05:30")));

        assertThat(r.rows()).extracting(DayReport.Row::positionId).containsExactly("p1", "p2", "p3", "p4");
        assertThat(r.trades()).isEqualTo(4);
        assertThat(r.wins()).isEqualTo(2);
        assertThat(r.netPnl()).isEqualByComparingTo("1300");
        assertThat(r.charges()).isEqualByComparingTo("240");
        assertThat(r.grossPnl()).isEqualByComparingTo("1540");
        assertThat(r.maxDrawdown()).isEqualByComparingTo("2200");
        assertThat(r.strategies()).containsExactly(
                new DayReport.StrategyLine("BOLLINGER", 1, 1, new BigDecimal("2500")),
                new DayReport.StrategyLine("MACD", 1, 0, new BigDecimal("-1500")),
                new DayReport.StrategyLine("RSI", 2, 1, new BigDecimal("300")));
    }

    @Test
    void shouldCountAFallFromTheStartAndNothingOnAQuietDay() {
        // The day starts at zero: a first loss is a fall from that high.
        assertThat(DayReport.of(DAY, List.of(row("p1", "RSI", "-400", "60", "04:30"), row("p2", "RSI", "900", "60", "05:30")))
                .maxDrawdown()).isEqualByComparingTo("400");
        DayReport quiet = DayReport.of(DAY, List.of());
        assertThat(quiet.trades()).isZero();
        assertThat(quiet.netPnl()).isEqualByComparingTo("0");
        assertThat(quiet.maxDrawdown()).isEqualByComparingTo("0");
    }
}
