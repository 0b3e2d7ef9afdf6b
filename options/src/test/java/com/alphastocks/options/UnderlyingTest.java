package com.alphastocks.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Contract specifications by expiry. BANKNIFTY as NSE revised it: 30 before the July 2025 expiry, 35 from it (the lot
 * review on March 2025 prices), 30 again from the January 2026 expiry (NSE/FAOP/70616); a strike step of 100 and,
 * for the sake of the case, 50 from 2026-06-01.
 */
class UnderlyingTest {

    private static final Underlying BANKNIFTY = new Underlying("BANKNIFTY", new BigDecimal("100"), 30, Underlying.ExpiryCycle.MONTHLY,
            DayOfWeek.TUESDAY, new TreeMap<>(Map.of(LocalDate.of(2025, 7, 1), 35, LocalDate.of(2026, 1, 1), 30)),
            new TreeMap<>(Map.of(LocalDate.of(2026, 6, 1), new BigDecimal("50"))));

    @ParameterizedTest(name = "expiring {0}: lot {1}, step {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # expiry    | lot | strike step
            2025-06-24  | 30  | 100
            2025-06-30  | 30  | 100
            2025-07-01  | 35  | 100
            2025-12-30  | 35  | 100
            2026-01-01  | 30  | 100
            2026-01-27  | 30  | 100
            2026-05-26  | 30  | 100
            2026-06-30  | 30  | 50
            """)
    void shouldSpecifyAContractByTheRevisionInForceForItsExpiry(LocalDate expiry, int lot, String step) {
        assertThat(BANKNIFTY.lotSizeFor(expiry)).isEqualTo(lot);
        assertThat(BANKNIFTY.strikeStepFor(expiry)).isEqualByComparingTo(step);
        Underlying contract = BANKNIFTY.forExpiry(expiry);
        assertThat(contract.lotSize()).isEqualTo(lot);
        assertThat(contract.strikeStep()).isEqualByComparingTo(step);
    }

    @Test
    void shouldRefuseALotThatIsNotPositive() {
        assertThatThrownBy(() -> new Underlying("NIFTY", new BigDecimal("50"), 75, Underlying.ExpiryCycle.WEEKLY, DayOfWeek.TUESDAY,
                new TreeMap<>(Map.of(LocalDate.of(2026, 1, 1), 0)), new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NIFTY: a lot size must be positive");
    }
}
