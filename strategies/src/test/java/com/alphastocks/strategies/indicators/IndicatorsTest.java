package com.alphastocks.strategies.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.alphastocks.strategies.Candle;

/** Each indicator against values worked out by hand on short periods. */
class IndicatorsTest {

    private static final org.assertj.core.data.Offset<Double> EXACT = within(1e-9);

    @Test
    void emaSeedsWithTheAverageThenSmooths() {
        Ema ema = new Ema(3);
        assertThat(ema.add(1)).isEmpty();
        assertThat(ema.add(2)).isEmpty();
        assertThat(ema.add(3).getAsDouble()).isCloseTo(2, EXACT);
        assertThat(ema.add(4).getAsDouble()).isCloseTo(3, EXACT);      // 2 + 0.5 × (4 − 2)
        assertThat(ema.add(10).getAsDouble()).isCloseTo(6.5, EXACT);   // 3 + 0.5 × (10 − 3)
    }

    @Test
    void rsiFollowsWildersSmoothing() {
        Rsi rsi = new Rsi(2);
        assertThat(rsi.add(10)).isEmpty();
        assertThat(rsi.add(12)).isEmpty();
        // changes +2, −1: average gain 1, average loss 0.5, RS 2
        assertThat(rsi.add(11).getAsDouble()).isCloseTo(100 - 100 / 3.0, EXACT);
        // +2: gain (1 + 2) / 2 = 1.5, loss (0.5 + 0) / 2 = 0.25, RS 6
        assertThat(rsi.add(13).getAsDouble()).isCloseTo(100 - 100 / 7.0, EXACT);

        Rsi rising = new Rsi(2);
        rising.add(1);
        rising.add(2);
        assertThat(rising.add(3).getAsDouble()).isEqualTo(100);
    }

    @Test
    void macdIsFastLessSlowWithItsSignalLine() {
        Macd macd = new Macd(2, 3, 2);
        assertThat(macd.add(1)).isEmpty();
        assertThat(macd.add(2)).isEmpty();
        assertThat(macd.add(3)).isEmpty();   // MACD 0.5, the signal line needs two
        Macd.Value fourth = macd.add(4).orElseThrow();
        assertThat(fourth.macd()).isCloseTo(0.5, EXACT);
        assertThat(fourth.signal()).isCloseTo(0.5, EXACT);
        assertThat(fourth.histogram()).isCloseTo(0, EXACT);
        // fast 3.5 + 2/3 × (1 − 3.5), slow 3 + 1/2 × (1 − 3): MACD −1/6; signal 0.5 + 2/3 × (−1/6 − 0.5)
        Macd.Value drop = macd.add(1).orElseThrow();
        assertThat(drop.macd()).isCloseTo(-1 / 6.0, EXACT);
        assertThat(drop.signal()).isCloseTo(0.5 - 4 / 9.0, EXACT);
        assertThat(drop.histogram()).isCloseTo(-1 / 6.0 - (0.5 - 4 / 9.0), EXACT);
        assertThatThrownBy(() -> new Macd(26, 12, 9)).hasMessageContaining("shorter");
    }

    @Test
    void bollingerBandsAreTwoStandardDeviationsAroundTheAverage() {
        BollingerBands bands = new BollingerBands(8, 2);
        double[] closes = {2, 4, 4, 4, 5, 5, 7};
        for (double c : closes) {
            assertThat(bands.add(c)).isEmpty();
        }
        BollingerBands.Value b = bands.add(9).orElseThrow();   // mean 5, population σ 2
        assertThat(b.middle()).isCloseTo(5, EXACT);
        assertThat(b.upper()).isCloseTo(9, EXACT);
        assertThat(b.lower()).isCloseTo(1, EXACT);
        assertThat(bands.add(5).orElseThrow().middle()).as("the window slides: 2 out, 5 in").isCloseTo(5.375, EXACT);
    }

    @Test
    void atrAveragesTheTrueRangeIncludingGaps() {
        Atr atr = new Atr(2);
        assertThat(atr.add(candle(10, 8, 9))).isEmpty();                              // TR 2
        assertThat(atr.add(candle(12, 9, 11)).getAsDouble()).isCloseTo(2.5, EXACT);    // TR 3
        assertThat(atr.add(candle(11, 10, 10.5)).getAsDouble()).isCloseTo(1.75, EXACT); // TR max(1, 0, 1) = 1
        assertThat(atr.add(candle(16, 15, 15.5)).getAsDouble()).as("a gap up counts from the last close")
                .isCloseTo((1.75 + 5.5) / 2, EXACT);
    }

    private static Candle candle(double high, double low, double close) {
        return new Candle("NIFTY", Instant.EPOCH, close, high, low, close);
    }
}
