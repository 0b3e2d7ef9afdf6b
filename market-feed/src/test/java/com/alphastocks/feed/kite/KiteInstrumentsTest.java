package com.alphastocks.feed.kite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.alphastocks.options.OptionType;

class KiteInstrumentsTest {

    static final String NSE = dump("NSE");
    static final String NFO = dump("NFO");

    @Test
    void shouldStreamEachUnderlyingsIndexAndTheOptionsOfItsNearestExpiry() {
        List<KiteInstruments.Instrument> day = KiteInstruments.read(List.of(NSE, NFO))
                .forDay(List.of("NIFTY", "BANKNIFTY"), LocalDate.of(2025, 12, 3), KiteInstruments.INDEX_NAMES);

        // Wednesday 3 Dec 2025: the 2 Dec weekly has expired, 9 Dec is the nearest; the future is not an option.
        assertThat(day).extracting(KiteInstruments.Instrument::symbol).containsExactly(
                "NIFTY", "NIFTY25D0926000CE", "NIFTY25D0926000PE", "NIFTY25D0926050CE", "NIFTY25D0926050PE",
                "BANKNIFTY", "BANKNIFTY25DEC59000CE", "BANKNIFTY25DEC59000PE", "BANKNIFTY25DEC59100CE", "BANKNIFTY25DEC59100PE");
        assertThat(day.get(0)).isEqualTo(new KiteInstruments.Instrument(256_265, "NIFTY", "NIFTY", null, null, null));
        assertThat(day.get(3)).isEqualTo(new KiteInstruments.Instrument(10_241_794, "NIFTY25D0926050CE", "NIFTY", OptionType.CE,
                new BigDecimal("26050"), LocalDate.of(2025, 12, 9)));
    }

    @Test
    void shouldTakeTheExpiryDayItselfAsTheNearest() {
        List<KiteInstruments.Instrument> day = KiteInstruments.read(List.of(NSE, NFO))
                .forDay(List.of("NIFTY"), LocalDate.of(2025, 12, 2), KiteInstruments.INDEX_NAMES);

        assertThat(day).filteredOn(KiteInstruments.Instrument::option).extracting(KiteInstruments.Instrument::expiry)
                .containsOnly(LocalDate.of(2025, 12, 2));
    }

    @Test
    void shouldNameAnUnderlyingTheListCannotServe() {
        KiteInstruments list = KiteInstruments.read(List.of(NSE, NFO));

        assertThatThrownBy(() -> list.forDay(List.of("FINNIFTY"), LocalDate.of(2025, 12, 3), KiteInstruments.INDEX_NAMES))
                .hasMessage("Kite's instrument list has no index 'NIFTY FIN SERVICE' for FINNIFTY (segment INDICES of the NSE list)");
        assertThatThrownBy(() -> list.forDay(List.of("BANKNIFTY"), LocalDate.of(2025, 12, 31), KiteInstruments.INDEX_NAMES))
                .hasMessage("Kite's instrument list has no BANKNIFTY option expiring on or after 2025-12-31 (segment NFO-OPT of the NFO list)");
        assertThatThrownBy(() -> KiteInstruments.read(List.of("instrument_token,tradingsymbol\n1,X\n")))
                .hasMessageStartingWith("Kite's instrument list has no column name");
        assertThatThrownBy(() -> KiteInstruments.read(List.of(NFO.replace("26050.0,0.05,75,CE", "x,0.05,75,CE"))))
                .hasMessageStartingWith("Kite's instrument list, line 4:");
    }

    static String dump(String exchange) {
        try (InputStream in = KiteInstrumentsTest.class.getResourceAsStream("/kite/" + exchange + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
