package com.alphastocks.executor.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskStateTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 12, 3);
    private static final RiskLimits LIMITS = new RiskLimits(new BigDecimal("500000"), 3, null, null, new BigDecimal("15"),
            new BigDecimal("5"), 3, new BigDecimal("0.5"), null);

    @Test
    void shouldLetTheFirstTradeThrough() {
        assertThat(RiskState.empty(TODAY).check(nifty("s1", "RSI", "8625"), LIMITS, TODAY)).isEmpty();
    }

    @Test
    void shouldRefuseAFourthPositionUntilOneCloses() {
        RiskState three = RiskState.empty(TODAY).reserve(nifty("s1", "RSI", "8625")).reserve(nifty("s2", "MACD", "8625"))
                .reserve(nifty("s3", "BB", "8625"));

        assertThat(three.check(nifty("s4", "RSI", "8625"), LIMITS, TODAY)).extracting(Refusal::message)
                .containsExactly("3 positions open, at most 3 allowed");
        assertThat(three.closed(nifty("s2", "MACD", "8625"), new BigDecimal("1200"), TODAY).check(nifty("s4", "RSI", "8625"), LIMITS, TODAY)).isEmpty();
        RiskState two = three.release(nifty("s3", "BB", "8625"));
        assertThat(two.openPositions()).isEqualTo(2);
        assertThat(two.openByStrategy()).containsOnlyKeys("RSI", "MACD");
        assertThat(two.capitalAtRisk()).isEqualByComparingTo("17250");
    }

    @Test
    void shouldHoldTheOptionalLimitsPerStrategyAndPerUnderlying() {
        RiskLimits onePerStrategyAndUnderlying = new RiskLimits(new BigDecimal("500000"), 3, 1, 1, new BigDecimal("15"),
                new BigDecimal("5"), 3, new BigDecimal("0.5"), null);
        RiskState one = RiskState.empty(TODAY).reserve(nifty("s1", "RSI", "8625"));

        assertThat(one.check(nifty("s2", "RSI", "8625"), onePerStrategyAndUnderlying, TODAY)).extracting(Refusal::code)
                .containsExactly("MAX_OPEN_PER_STRATEGY", "MAX_OPEN_PER_UNDERLYING");
        assertThat(one.check(new RiskState.Exposure("s3", "MACD", "BANKNIFTY", new BigDecimal("9000")),
                onePerStrategyAndUnderlying, TODAY)).isEmpty();
    }

    @Test
    void shouldRefuseATradeThatPutsMoreThan15PercentOfCapitalAtRisk() {
        RiskState heavy = RiskState.empty(TODAY).reserve(nifty("s1", "RSI", "70000"));

        assertThat(heavy.check(nifty("s2", "RSI", "8625"), LIMITS, TODAY)).extracting(Refusal::message)
                .containsExactly("this trade would put 78625 at risk, more than 15 % of capital (75000)");
        assertThat(heavy.check(nifty("s2", "RSI", "5000"), LIMITS, TODAY)).isEmpty();
    }

    @Test
    void shouldStopNewEntriesAfterADailyLossOf5PercentUntilTheNextDay() {
        RiskState lost = RiskState.empty(TODAY).reserve(nifty("s1", "RSI", "8625")).closed(nifty("s1", "RSI", "8625"), new BigDecimal("-25000"), TODAY);

        assertThat(lost.check(nifty("s2", "RSI", "8625"), LIMITS, TODAY)).extracting(Refusal::message)
                .containsExactly("today's loss of 25000 reached the limit of 5 % of capital (25000)");
        assertThat(lost.check(nifty("s2", "RSI", "8625"), LIMITS, TODAY.plusDays(1))).isEmpty();
    }

    @Test
    void shouldStopAfterThreeLossesInARowAndHalveTheSizeAfterALoss() {
        RiskState state = RiskState.empty(TODAY);
        for (String id : new String[] {"s1", "s2", "s3"}) {
            state = state.reserve(nifty(id, "RSI", "8625")).closed(nifty(id, "RSI", "8625"), new BigDecimal("-1000"), TODAY);
        }

        assertThat(state.check(nifty("s4", "RSI", "8625"), LIMITS, TODAY)).extracting(Refusal::code).containsExactly("CONSECUTIVE_LOSSES");
        assertThat(state.sizeFactor(LIMITS)).isEqualByComparingTo("0.5");
        RiskState afterAWin = state.reserve(nifty("s5", "RSI", "8625")).closed(nifty("s5", "RSI", "8625"), new BigDecimal("500"), TODAY);
        assertThat(afterAWin.consecutiveLosses()).isZero();
        assertThat(afterAWin.sizeFactor(LIMITS)).isEqualByComparingTo("1");
    }

    @Test
    void shouldCapEachStrategysEntriesInAMinuteOfMarketTime() {
        RiskLimits twoAMinute = new RiskLimits(new BigDecimal("500000"), 10, null, null, new BigDecimal("15"), new BigDecimal("5"), 3,
                new BigDecimal("0.5"), 2);
        RiskState state = RiskState.empty(TODAY).reserve(nifty("s1", "RSI", "1000"), at("10:00:00"), twoAMinute)
                .reserve(nifty("s2", "RSI", "1000"), at("10:00:20"), twoAMinute);

        assertThat(state.check(nifty("s3", "RSI", "1000"), twoAMinute, TODAY, at("10:00:40"))).extracting(Refusal::code, Refusal::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MAX_ENTRIES_PER_MINUTE",
                        "RSI entered 2 times in the last minute, at most 2 a minute allowed"));
        // Another strategy has its own minute.
        assertThat(state.check(nifty("s3", "MACD", "1000"), twoAMinute, TODAY, at("10:00:40"))).isEmpty();
        // A minute after the first entry, only the second is in the last minute.
        assertThat(state.check(nifty("s3", "RSI", "1000"), twoAMinute, TODAY, at("10:01:00"))).isEmpty();
        // Without a cap, or without the market's time, no rate is checked.
        assertThat(state.check(nifty("s3", "RSI", "1000"), LIMITS, TODAY, at("10:00:40"))).isEmpty();
        assertThat(state.check(nifty("s3", "RSI", "1000"), twoAMinute, TODAY)).isEmpty();
        // Only the last minute is kept, and of it only as many entries as the cap needs: the state stays small.
        assertThat(state.reserve(nifty("s4", "RSI", "1000"), at("10:05:00"), twoAMinute).entriesLastMinute())
                .isEqualTo(java.util.Map.of("RSI", java.util.List.of(at("10:05:00"))));
        RiskState burst = state;
        for (int i = 0; i < 50; i++) {
            burst = burst.reserve(nifty("b" + i, "RSI", "1"), at("10:00:30").plusMillis(i), twoAMinute);
        }
        assertThat(burst.entriesLastMinute().get("RSI")).containsExactly(at("10:00:30").plusMillis(48), at("10:00:30").plusMillis(49));
        // Without a cap nothing is kept.
        assertThat(RiskState.empty(TODAY).reserve(nifty("s5", "RSI", "1000"), at("10:00:00"), LIMITS).entriesLastMinute()).isEmpty();
    }

    @Test
    void shouldReadAStateStoredBeforeEntriesWereKept() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
        RiskState old = json.readValue("""
                {"openPositions":1,"openByStrategy":{"RSI":1},"openByUnderlying":{"NIFTY":1},"capitalAtRisk":8625,
                 "tradingDay":"2025-12-03","realizedToday":0,"consecutiveLosses":0,"lastTradeLost":false}""", RiskState.class);
        assertThat(old.entriesLastMinute()).isEmpty();
        assertThat(old.openPositions()).isEqualTo(1);
        RiskState entered = old.reserve(nifty("s2", "RSI", "1000"), at("10:00:00"), new RiskLimits(new BigDecimal("500000"), 3, null,
                null, new BigDecimal("15"), new BigDecimal("5"), 3, new BigDecimal("0.5"), 2));
        assertThat(json.readValue(json.writeValueAsString(entered), RiskState.class)).isEqualTo(entered);
    }

    /**
     * The limits as a table, on ₹5,00,000 (at most 3 positions, 15 % of capital at risk: 75,000; a day's loss of 5 %:
     * 25,000; 3 losses in a row): a day's history (positions opened with what they put at risk, closed with their net
     * P&L), then a candidate (strategy, underlying, risk) and every limit that refuses it, in the order they are checked.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                               | history                                                                   | candidate         | refused by
            the first trade of the day           | -                                                                         | RSI NIFTY 8625    | -
            three open: a fourth waits           | open a RSI NIFTY 8625; open b MACD NIFTY 8625; open c BB NIFTY 8625       | RSI NIFTY 8625    | MAX_OPEN_POSITIONS
            a close frees a place                | open a RSI NIFTY 8625; open b MACD NIFTY 8625; open c BB NIFTY 8625; close b 1200 | RSI NIFTY 8625 | -
            78,625 at risk is over 75,000        | open a RSI NIFTY 70000                                                    | RSI NIFTY 8625    | MAX_CAPITAL_AT_RISK
            75,000 at risk is the limit, allowed | open a RSI NIFTY 70000                                                    | RSI NIFTY 5000    | -
            a 25,000 loss ends the day's entries | open a RSI NIFTY 8625; close a -25000                                     | RSI NIFTY 8625    | DAILY_LOSS_LIMIT
            24,999.99 lost: one more may go      | open a RSI NIFTY 8625; close a -24999.99                                  | RSI NIFTY 8625    | -
            three losses in a row                | open a RSI NIFTY 8625; close a -1000; open b RSI NIFTY 8625; close b -1000; open c RSI NIFTY 8625; close c -1000 | MACD NIFTY 8625 | CONSECUTIVE_LOSSES
            a win ends the run of losses         | open a RSI NIFTY 8625; close a -1000; open b RSI NIFTY 8625; close b -1000; open c RSI NIFTY 8625; close c 500; open d RSI NIFTY 8625; close d -1000 | RSI NIFTY 8625 | -
            every limit at once                  | open a RSI NIFTY 8625; close a -9000; open b RSI NIFTY 8625; close b -9000; open c RSI NIFTY 8625; close c -9000; open d RSI NIFTY 30000; open e MACD NIFTY 30000; open f BB BANKNIFTY 10000 | RSI NIFTY 8625 | MAX_OPEN_POSITIONS MAX_CAPITAL_AT_RISK DAILY_LOSS_LIMIT CONSECUTIVE_LOSSES
            """)
    void shouldRefuseByEveryLimitTheCandidateWouldBreak(String name, String history, String candidate, String refusedBy) {
        Map<String, RiskState.Exposure> open = new HashMap<>();
        RiskState state = RiskState.empty(TODAY);
        for (String step : history.equals("-") ? new String[0] : history.split(";")) {
            String[] w = step.trim().split(" ");
            if (w[0].equals("open")) {
                RiskState.Exposure exposure = new RiskState.Exposure(w[1], w[2], w[3], new BigDecimal(w[4]));
                open.put(w[1], exposure);
                state = state.reserve(exposure);
            } else {
                state = state.closed(open.remove(w[1]), new BigDecimal(w[2]), TODAY);
            }
        }
        String[] c = candidate.split(" ");

        List<String> codes = state.check(new RiskState.Exposure("next", c[0], c[1], new BigDecimal(c[2])), LIMITS, TODAY).stream()
                .map(Refusal::code).toList();

        assertThat(codes).as(name).isEqualTo(refusedBy.equals("-") ? List.of() : List.of(refusedBy.split(" ")));
    }

    private static java.time.Instant at(String time) {
        return TODAY.atTime(java.time.LocalTime.parse(time)).atZone(java.time.ZoneId.of("Asia/Kolkata")).toInstant();
    }

    private static RiskState.Exposure nifty(String signalId, String strategy, String risk) {
        return new RiskState.Exposure(signalId, strategy, "NIFTY", new BigDecimal(risk));
    }
}
