package com.alphastocks.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CandleBuilderTest {

    private static Instant at(String time) {
        return Instant.parse("2025-12-03T" + time + "Z");
    }

    @Test
    void shouldCloseACandleWhenATickOpensTheNextPeriod() {
        CandleBuilder builder = new CandleBuilder(Duration.ofMinutes(5));
        assertThat(builder.add("NIFTY", at("03:45:01"), 100)).isEmpty();
        assertThat(builder.add("NIFTY", at("03:46:00"), 104)).isEmpty();
        assertThat(builder.add("BANKNIFTY", at("03:47:00"), 500)).isEmpty();
        assertThat(builder.add("NIFTY", at("03:49:59"), 97)).isEmpty();
        assertThat(builder.add("NIFTY", at("03:49:30"), 90)).as("late, but in the open candle").isEmpty();

        Candle closed = builder.add("NIFTY", at("03:50:00"), 101).orElseThrow();

        assertThat(closed).isEqualTo(new Candle("NIFTY", at("03:45:00"), 100, 104, 90, 90));
        assertThat(builder.add("NIFTY", at("03:44:00"), 50)).as("older than the open candle: ignored").isEmpty();
        assertThat(builder.add("NIFTY", at("04:10:00"), 102).orElseThrow())
                .isEqualTo(new Candle("NIFTY", at("03:50:00"), 101, 101, 101, 101));
    }
}
