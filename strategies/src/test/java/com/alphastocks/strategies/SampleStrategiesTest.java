package com.alphastocks.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.alphastocks.sdk.Signal;

/** Each sample strategy on a scripted run of candles: a signal where its setup completes, none elsewhere. */
class SampleStrategiesTest {

    private static final Instant OPEN = Instant.parse("2025-12-03T03:45:00Z");

    /** Candles of range 2 around each close, five minutes apart. */
    private static List<Signal> run(SampleStrategy strategy, double... closes) {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            Optional<Signal> s = strategy.onCandle(new Candle("NIFTY", OPEN.plusSeconds(300L * i), closes[i], closes[i] + 1, closes[i] - 1,
                    closes[i]));
            s.ifPresent(signals::add);
        }
        return signals;
    }

    @Test
    void rsiBuysWhenItClimbsBackOverThirty() {
        // Flat, a slide (RSI deep under 30), then a bounce that takes it back over 30.
        List<Signal> signals = run(new RsiStrategy(3, "5min"), 100, 101, 100, 101, 100, 96, 92, 88, 84, 86, 90);

        assertThat(signals).hasSize(1);
        // At 86 the RSI is still under 30 (one small rise after four falls); at 90 it is back over it.
        assertThat(signals.get(0).toString()).startsWith("BUY NIFTY entry 90 ").contains("RSI-NIFTY-").contains("[5min]").contains("strength 10 ");
    }

    @Test
    void rsiStaysQuietWithoutAnExcursion() {
        assertThat(run(new RsiStrategy(3, "5min"), 100, 101, 100, 101, 100, 101, 100, 101)).isEmpty();
    }

    @Test
    void macdSignalsEachCrossOfItsSignalLine() {
        double[] closes = new double[80];
        for (int i = 0; i < closes.length; i++) {
            // Forty candles up, forty down: one cross down near the top (after the first up-cross).
            closes[i] = i < 40 ? 100 + i : 140 - (i - 40);
        }
        List<Signal> signals = run(new MacdStrategy("5min"), closes);

        assertThat(signals).isNotEmpty();
        assertThat(signals.get(signals.size() - 1).toString()).startsWith("SELL NIFTY");
        assertThat(signals).allSatisfy(s -> assertThat(s.toString()).contains("macd_histogram"));
    }

    @Test
    void bollingerBuysTheCloseBackInsideTheLowerBand() {
        double[] closes = new double[24];
        for (int i = 0; i < 22; i++) {
            closes[i] = 100 + (i % 2);   // a quiet range
        }
        closes[22] = 90;                 // far under the lower band
        closes[23] = 100;                // back inside
        List<Signal> signals = run(new BollingerStrategy("5min"), closes);

        assertThat(signals).hasSize(1);
        Signal buy = signals.get(0);
        // ATR(14) here is 2 + gap terms; the stop and target follow it (1.5 and 3 ATR) and strength is at its 10 cap.
        assertThat(buy.toString()).startsWith("BUY NIFTY entry 100 ").contains("strength 10 ").contains("BOLLINGER-NIFTY-");
    }

    @Test
    void aPlanRoundsToTheTickAndNamesTheCandle() {
        Candle candle = new Candle("BANKNIFTY", OPEN, 48000, 48010, 47990, 48001.23);
        Signal sell = TradePlan.signal("TEST", false, candle, 20, 12, "5min", java.util.Map.of());

        assertThat(sell.toString()).isEqualTo("SELL BANKNIFTY entry 48001.25 stop 48031.25 target 47941.25 strength 10 move 0.12% [5min] "
                + "TEST-BANKNIFTY-" + OPEN.getEpochSecond() + " {atr=20.0}");
    }
}
