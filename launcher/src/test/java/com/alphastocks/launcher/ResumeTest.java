package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.Priority;
import com.alphastocks.feed.TickSource;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;

class ResumeTest {

    /** NIFTY and an option, alternating, a tick each 5 s from 09:15 IST. */
    private static TickSource day() {
        Envelope envelope = new Envelope("test", java.time.Clock.systemUTC());
        Instant open = Instant.parse("2025-12-03T03:45:00Z");
        Iterator<Integer> steps = java.util.stream.IntStream.range(0, 8).iterator();
        return () -> {
            if (!steps.hasNext()) {
                return Optional.empty();
            }
            int i = steps.next();
            String instrument = i % 2 == 0 ? "NIFTY" : "NIFTY25D0921500CE";
            Instant at = open.plusSeconds(5L * (i / 2));
            return Optional.of(MarketTick.newBuilder()
                    .setMetadata(envelope.metadataAt(at, EventType.MARKET_TICK, "t" + i, instrument, null, Priority.LOW))
                    .setInstrument(instrument).setUnderlying("NIFTY").setExchangeTime(at)
                    .setLastPrice(Decimals.scaled(BigDecimal.valueOf(100 + i))).build());
        };
    }

    private static List<String> drain(TickSource source) {
        List<String> ticks = new ArrayList<>();
        for (Optional<MarketTick> t = source.next(); t.isPresent(); t = source.next()) {
            ticks.add(t.get().getInstrument() + "@" + t.get().getLastPrice().intValue());
        }
        return ticks;
    }

    @Test
    void shouldCarryOnAfterWhatEachInstrumentAlreadyHasOnTheTopic() {
        // The option's partition got one tick further than the underlying's before the run was stopped.
        Map<String, Long> published = Map.of("NIFTY", 2L, "NIFTY25D0921500CE", 3L);

        assertThat(drain(Resume.after(day(), published))).containsExactly("NIFTY@104", "NIFTY@106", "NIFTY25D0921500CE@107");
        assertThat(Resume.lastPublished(day(), published)).isEqualTo(Instant.parse("2025-12-03T03:45:10Z"));
        assertThat(drain(Resume.after(day(), Map.of()))).hasSize(8);
        assertThat(Resume.lastPublished(day(), Map.of())).isNull();
    }

    @Test
    void shouldResumeOnlyTheRunItWas(@TempDir Path runDir) throws Exception {
        RunOptions sample = RunOptions.parse(List.of());
        assertThatThrownBy(() -> Resume.Input.of(sample).checkSameAs(runDir)).hasMessageStartingWith("nothing to resume");

        Resume.Input.of(sample).save(runDir);
        Resume.Input.of(sample).checkSameAs(runDir);
        Path ticks = java.nio.file.Files.writeString(runDir.resolve("ticks.csv"), "");
        assertThatThrownBy(() -> Resume.Input.of(RunOptions.parse(List.of("--ticks", ticks.toString()))).checkSameAs(runDir))
                .hasMessageStartingWith("--resume carries on the last run, which replayed sample day with sample strategies");
    }
}
