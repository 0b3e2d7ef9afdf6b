package com.alphastocks.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.alphastocks.analytics.score.DayChart.Kind;
import com.alphastocks.analytics.score.DayChart.Marker;
import com.alphastocks.analytics.score.DayChart.Point;

/**
 * The day's charts worked out by hand: Thursday 4 Dec 2025 has three closed trades (RSI -1,500 at 11:30 and +500 at
 * 14:30 on NIFTY, MACD -300 at 13:20 on BANKNIFTY) and a MACD position still open since 13:10; Wednesday's trade and
 * price are another day's and stay out.
 */
class DayChartTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final LocalDate THURSDAY = LocalDate.of(2025, 12, 4);

    private static Instant thu(String time) {
        return THURSDAY.atTime(LocalTime.parse(time)).atZone(IST).toInstant();
    }

    private static Trade trade(String id, String strategy, String underlying, String net, Instant closed, int heldMinutes) {
        return new Trade(id, strategy, underlying, LocalDate.ofInstant(closed, IST), new BigDecimal(net), new BigDecimal("40"),
                heldMinutes * 60_000L, closed);
    }

    private static Point point(String time, String value) {
        return new Point(thu(time), new BigDecimal(value));
    }

    private static NavigableMap<Instant, BigDecimal> minutes(Object... timeAndPrice) {
        NavigableMap<Instant, BigDecimal> m = new TreeMap<>();
        for (int i = 0; i < timeAndPrice.length; i += 2) {
            Object at = timeAndPrice[i];
            m.put(at instanceof Instant instant ? instant : thu((String) at), new BigDecimal((String) timeAndPrice[i + 1]));
        }
        return m;
    }

    @Test
    void shouldDrawTheMarketsNewestDay() {
        Instant wednesdayClose = THURSDAY.minusDays(1).atTime(15, 29).atZone(IST).toInstant();
        List<Trade> trades = List.of(
                trade("r5", "RSI", "NIFTY", "500", thu("14:30"), 150),
                trade("r4", "RSI", "NIFTY", "-1500", thu("11:30"), 120),
                trade("m1", "MACD", "BANKNIFTY", "-300", thu("13:20"), 20),
                trade("w1", "RSI", "NIFTY", "1000", THURSDAY.minusDays(1).atTime(10, 0).atZone(IST).toInstant(), 30));
        OpenPosition open = new OpenPosition("p9", "s9", "MACD", "BANKNIFTY", "BANKNIFTY25DEC59000CE", 30, new BigDecimal("200"),
                new BigDecimal("210"), new BigDecimal("300"), new BigDecimal("180"), new BigDecimal("240"), thu("13:10"), thu("13:15"), null);
        Map<String, NavigableMap<Instant, BigDecimal>> prices = Map.of(
                "NIFTY", minutes(wednesdayClose, "21400", "09:15", "21500", "09:30", "21520", "11:30", "21480", "12:00", "21490",
                        "14:30", "21530"),
                "BANKNIFTY", minutes("13:00", "59000", "13:20", "58950"));

        DayChart chart = DayChart.of(trades, List.of(open), prices, IST);

        assertThat(chart.day()).isEqualTo(THURSDAY);
        assertThat(chart.marketTime()).isEqualTo(thu("14:30"));
        assertThat(chart.dayNet()).isEqualByComparingTo("-1300");
        // From zero at the day's first moment (NIFTY's 09:15 price), a step at each close.
        assertThat(chart.equity()).containsOnlyKeys("account", "MACD", "RSI");
        assertThat(chart.equity().get("account")).containsExactly(point("09:15", "0"), point("11:30", "-1500"), point("13:20", "-1800"),
                point("14:30", "-1300"));
        assertThat(chart.equity().get("RSI")).containsExactly(point("09:15", "0"), point("11:30", "-1500"), point("14:30", "-1000"));
        assertThat(chart.equity().get("MACD")).containsExactly(point("09:15", "0"), point("13:20", "-300"));
        assertThat(chart.prices().get("NIFTY")).containsExactly(point("09:15", "21500"), point("09:30", "21520"), point("11:30", "21480"),
                point("12:00", "21490"), point("14:30", "21530"));
        assertThat(chart.prices().get("BANKNIFTY")).hasSize(2);
        // Entries at the holding's start, exits at the close; the open position's 13:10 entry on the 13:00 price.
        assertThat(chart.markers()).containsExactly(
                new Marker("NIFTY", thu("09:30"), thu("09:30"), new BigDecimal("21520"), Kind.ENTRY, "RSI", null),
                new Marker("NIFTY", thu("11:30"), thu("11:30"), new BigDecimal("21480"), Kind.EXIT, "RSI", new BigDecimal("-1500")),
                new Marker("NIFTY", thu("12:00"), thu("12:00"), new BigDecimal("21490"), Kind.ENTRY, "RSI", null),
                new Marker("BANKNIFTY", thu("13:00"), thu("13:00"), new BigDecimal("59000"), Kind.ENTRY, "MACD", null),
                new Marker("BANKNIFTY", thu("13:10"), thu("13:00"), new BigDecimal("59000"), Kind.ENTRY, "MACD", null),
                new Marker("BANKNIFTY", thu("13:20"), thu("13:20"), new BigDecimal("58950"), Kind.EXIT, "MACD", new BigDecimal("-300")),
                new Marker("NIFTY", thu("14:30"), thu("14:30"), new BigDecimal("21530"), Kind.EXIT, "RSI", new BigDecimal("500")));
    }

    @Test
    void shouldDrawTheCurveWithoutPricesAndNothingWithoutADay() {
        DayChart chart = DayChart.of(List.of(trade("r4", "RSI", "NIFTY", "-1500", thu("11:30"), 120)), List.of(), Map.of(), IST);
        assertThat(chart.equity().get("account")).containsExactly(point("09:30", "0"), point("11:30", "-1500"));
        assertThat(chart.markers()).isEmpty();
        assertThat(chart.prices()).isEmpty();

        assertThat(DayChart.of(List.of(), List.of(), Map.of(), IST)).isEqualTo(DayChart.EMPTY);
    }
}
