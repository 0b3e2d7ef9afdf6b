package com.alphastocks.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The score of a hand-computed table of trades, net of charges. */
class ScorecardTest {

    static Scorecard score(String... nets) {
        Scorecard card = Scorecard.EMPTY;
        long minutes = 30;
        for (String net : nets) {
            card = card.add(new Trade("s", "RSI", "NIFTY", LocalDate.of(2025, 12, 3), new BigDecimal(net), new BigDecimal("50"),
                    minutes * 60_000, null));
            minutes += 30;
        }
        return card;
    }

    @Test
    void shouldScoreThreeWinsAndTwoLosses() {
        // Equity 1000, 500, 2500, 1000, 1500: the peak 2500 falls to 1000.
        Scorecard card = score("1000", "-500", "2000", "-1500", "500");

        assertThat(card.trades()).isEqualTo(5);
        assertThat(card.wins()).isEqualTo(3);
        assertThat(card.losses()).isEqualTo(2);
        assertThat(card.winRatePct()).isEqualByComparingTo("60.00");
        assertThat(card.averageWin()).isEqualByComparingTo("1166.67");
        assertThat(card.averageLoss()).isEqualByComparingTo("-1000.00");
        assertThat(card.netPnl()).isEqualByComparingTo("1500");
        assertThat(card.averagePnl()).isEqualByComparingTo("300.00");
        assertThat(card.profitFactor()).isEqualByComparingTo("1.75");
        assertThat(card.expectancy()).isEqualByComparingTo("300.00");
        assertThat(card.maxDrawdown()).isEqualByComparingTo("1500");
        assertThat(card.best()).isEqualByComparingTo("2000");
        assertThat(card.worst()).isEqualByComparingTo("-1500");
        assertThat(card.charges()).isEqualByComparingTo("250");
        // 30, 60, 90, 120 and 150 minutes
        assertThat(card.averageHoldingMinutes()).isEqualTo(90L);
    }

    @Test
    void shouldCountTheFallFromTheStartWhenTheFirstTradesLose() {
        Scorecard card = score("-300", "-200");

        assertThat(card.maxDrawdown()).isEqualByComparingTo("500");
        assertThat(card.winRatePct()).isEqualByComparingTo("0.00");
        assertThat(card.averageWin()).isNull();
        assertThat(card.profitFactor()).isEqualByComparingTo("0.00");
        assertThat(card.expectancy()).isEqualByComparingTo("-250.00");
    }

    @Test
    void shouldLeaveTheProfitFactorOpenWithoutALossAndCountABreakEvenAsNeither() {
        Scorecard card = score("400", "0");

        assertThat(card.profitFactor()).isNull();
        assertThat(card.wins()).isEqualTo(1);
        assertThat(card.losses()).isZero();
        assertThat(card.winRatePct()).isEqualByComparingTo("50.00");
        assertThat(card.maxDrawdown()).isEqualByComparingTo("0");
    }

    @Test
    void shouldWriteOneCsvColumnPerFeatureAndQuoteWhatNeedsIt() {
        MlRow a = row("sig-a", Map.of("rsi", 28.5), "WIN");
        MlRow b = row("sig-b", Map.of("macd", -1.25), "LOSS");

        String[] lines = MlRow.csv(List.of(a, b)).split("\n");

        assertThat(lines[0]).startsWith("signal_id,position_id,strategy").endsWith(",label,feature_macd,feature_rsi");
        assertThat(lines[1]).startsWith("sig-a,pos-sig-a,\"RSI, fast\",NIFTY,BUY,21500,").endsWith(",WIN,,28.5");
        assertThat(lines[2]).endsWith(",LOSS,-1.25,");
    }

    @Test
    void shouldWriteATradeWhoseSignalWasNeverSeenWithEmptySignalColumns() {
        MlRow unseen = new MlRow("sig-u", "pos-sig-u", "RSI", "NIFTY", null, null, null, null, null, null, null, null, Map.of(),
                "NIFTY25D0921500CE", 75, new BigDecimal("150"), new BigDecimal("140"), new BigDecimal("-750"), new BigDecimal("50"),
                new BigDecimal("-800"), "STOP_LOSS", 12, "LOSS");

        String[] lines = MlRow.csv(List.of(row("sig-a", Map.of("rsi", 28.5), "WIN"), unseen)).split("\n");

        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEqualTo("sig-u,pos-sig-u,RSI,NIFTY,,,,,,,,,NIFTY25D0921500CE,75,150,140,-750,50,-800,STOP_LOSS,12,LOSS,");
    }

    private static MlRow row(String signalId, Map<String, Double> features, String label) {
        return new MlRow(signalId, "pos-" + signalId, "RSI, fast", "NIFTY", "BUY", new BigDecimal("21500.0000"), new BigDecimal("21400"),
                new BigDecimal("21700"), new BigDecimal("0.8"), new BigDecimal("0.9"), "15m", java.time.Instant.parse("2025-12-03T04:00:00Z"),
                features, "NIFTY25D0921500CE", 75, new BigDecimal("150"), new BigDecimal("160"), new BigDecimal("750"), new BigDecimal("50"),
                new BigDecimal("700"), "TARGET", 30, label);
    }
}
