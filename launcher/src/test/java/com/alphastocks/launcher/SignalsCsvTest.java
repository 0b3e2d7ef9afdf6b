package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.Priority;
import com.alphastocks.feed.TickSource;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;

class SignalsCsvTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        Path file = dir.resolve("signals.csv");
        Files.writeString(file, SignalsCsv.HEADER + "\n" + String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void shouldReadSignalsInTimeOrderWithTheirIds() throws Exception {
        List<SignalsCsv.TimedSignal> signals = SignalsCsv.read(file(
                "2025-12-03T11:00:00+05:30,MACD,banknifty,sell,48000,48300,47500,6,1.04,15min,macd-1",
                "",
                "2025-12-03T10:15:00+05:30,RSI,NIFTY,BUY,21500.5,21400,21700,7.5,0.93,,"));

        assertThat(signals).extracting(SignalsCsv.TimedSignal::strategy).containsExactly("RSI", "MACD");
        assertThat(signals.get(0).at()).isEqualTo(Instant.parse("2025-12-03T04:45:00Z"));
        assertThat(signals.get(0).signal()).hasToString("BUY NIFTY entry 21500.5 stop 21400 target 21700 strength 7.5 move 0.93% signals.csv:4");
        assertThat(signals.get(1).signal()).hasToString("SELL BANKNIFTY entry 48000 stop 48300 target 47500 strength 6 move 1.04% [15min] macd-1");
    }

    @Test
    void shouldNameTheLineAndWhatIsWrongWithIt() throws Exception {
        String good = "2025-12-03T10:15:00+05:30,RSI,NIFTY,BUY,21500,21400,21700,7.5,0.9,,";
        assertThatThrownBy(() -> SignalsCsv.read(file(good, "2025-12-03T10:20:00+05:30,RSI,NIFTY,HOLD,21500,21400,21700,7.5,0.9,,")))
                .hasMessage("signals.csv line 3: action must be BUY or SELL, not 'HOLD'");
        assertThatThrownBy(() -> SignalsCsv.read(file("2025-12-03 10:15,RSI,NIFTY,BUY,21500,21400,21700,7.5,0.9,,")))
                .hasMessageStartingWith("signals.csv line 2: time '2025-12-03 10:15' is not an ISO-8601 time with offset");
        assertThatThrownBy(() -> SignalsCsv.read(file("2025-12-03T10:15:00+05:30,RSI,NIFTY,BUY,21500,-5,21700,7.5,0.9,,")))
                .hasMessage("signals.csv line 2: stop_loss must be positive, not -5");
        assertThatThrownBy(() -> SignalsCsv.read(file("2025-12-03T10:15:00+05:30,RSI,NIFTY,BUY,21500,21400,abc,7.5,0.9,,")))
                .hasMessage("signals.csv line 2: target 'abc' is not a number");
        assertThatThrownBy(() -> SignalsCsv.read(file("2025-12-03T10:15:00+05:30,,NIFTY,BUY,21500,21400,21700,7.5,0.9,,")))
                .hasMessage("signals.csv line 2: strategy is empty");
        assertThatThrownBy(() -> SignalsCsv.read(file("2025-12-03T10:15:00+05:30,RSI,NIFTY,BUY")))
                .hasMessageStartingWith("signals.csv line 2: expected 11 fields");
        Path noHeader = dir.resolve("bare.csv");
        Files.writeString(noHeader, good + "\n");
        assertThatThrownBy(() -> SignalsCsv.read(noHeader)).hasMessageContaining("line 1: the header must be " + SignalsCsv.HEADER);
    }

    @Test
    void shouldSendEachSignalBeforeTheFirstTickAtOrAfterItsTime() throws Exception {
        List<SignalsCsv.TimedSignal> signals = SignalsCsv.read(file(
                "2025-12-03T10:15:00+05:30,RSI,NIFTY,BUY,21500,21400,21700,7.5,0.9,,",
                "2025-12-03T10:15:02+05:30,RSI,NIFTY,BUY,21500,21400,21700,7.5,0.9,,",
                "2025-12-03T16:00:00+05:30,RSI,NIFTY,SELL,21500,21600,21300,7.5,0.9,,"));
        List<String> seen = new ArrayList<>();
        TickSource ticks = ticks(seen, "2025-12-03T04:44:55Z", "2025-12-03T04:45:00Z", "2025-12-03T04:45:05Z");
        TimedSignals merged = new TimedSignals(ticks, signals, at -> seen.add("settle " + (at == null ? "-" : at.toString().substring(11, 19))),
                s -> seen.add("signal line " + s.line()));

        while (merged.next().isPresent()) {
            seen.add("published");
        }

        assertThat(seen).containsExactly("tick 04:44:55", "published",
                "tick 04:45:00", "settle 04:44:55", "signal line 2", "settle 04:44:55", "published",
                "tick 04:45:05", "settle 04:45:00", "signal line 3", "settle 04:45:00", "published",
                "settle 04:45:05", "signal line 4", "settle 04:45:05");
        assertThat(merged.pending()).isZero();
    }

    private static TickSource ticks(List<String> seen, String... times) {
        Envelope envelope = new Envelope("test", java.time.Clock.systemUTC());
        java.util.Iterator<String> next = List.of(times).iterator();
        return () -> {
            if (!next.hasNext()) {
                return Optional.empty();
            }
            Instant at = Instant.parse(next.next());
            seen.add("tick " + at.toString().substring(11, 19));
            return Optional.of(MarketTick.newBuilder()
                    .setMetadata(envelope.metadataAt(at, EventType.MARKET_TICK, "t-" + at, "t-" + at, null, Priority.LOW))
                    .setInstrument("NIFTY").setUnderlying("NIFTY").setExchangeTime(at)
                    .setLastPrice(Decimals.scaled(new BigDecimal("21500"))).build());
        };
    }
}
