package com.alphastocks.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


/** Expiry choice and trading symbols, checked against a calendar by hand (expiries on Tuesdays). */
class ExpiryCalendarTest {

    /** A made-up holiday on an expiry Tuesday, and 30 Dec 2025 as if it were one (the month's last Tuesday). */
    private final ExpiryCalendar withHolidays = new ExpiryCalendar(Set.of(LocalDate.of(2025, 12, 16)));
    private final ExpiryCalendar monthEndHoliday = new ExpiryCalendar(Set.of(LocalDate.of(2025, 12, 30)));

    @ParameterizedTest(name = "{0} on {1} (at least {2} days) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # underlying | today      | min days | expiry     | monthly | symbol of the 21500 / 48000 call | why
            NIFTY        | 2025-11-26 | 2        | 2025-12-02 | false   | NIFTY25D0221500CE     | Wednesday: next Tuesday, 6 days
            NIFTY        | 2025-12-01 | 2        | 2025-12-09 | false   | NIFTY25D0921500CE     | Monday: Tuesday is 1 day away, so the week after
            NIFTY        | 2025-12-02 | 2        | 2025-12-09 | false   | NIFTY25D0921500CE     | on expiry day itself: the next one
            NIFTY        | 2025-12-02 | 0        | 2025-12-02 | false   | NIFTY25D0221500CE     | 0 days allowed: today's
            NIFTY        | 2025-12-10 | 2        | 2025-12-15 | false   | NIFTY25D1521500CE     | Tuesday 16 Dec is a holiday: Monday 15 Dec
            NIFTY        | 2025-12-24 | 2        | 2025-12-30 | true    | NIFTY25DEC21500CE     | the month's last Tuesday: monthly symbol
            NIFTY        | 2025-12-31 | 2        | 2026-01-06 | false   | NIFTY2610621500CE     | into the new year: month code 1
            NIFTY        | 2026-10-01 | 2        | 2026-10-06 | false   | NIFTY26O0621500CE     | October is O
            BANKNIFTY    | 2025-12-10 | 2        | 2025-12-30 | true    | BANKNIFTY25DEC48000CE | monthly only: the last Tuesday
            BANKNIFTY    | 2025-12-29 | 2        | 2026-01-27 | true    | BANKNIFTY26JAN48000CE | 1 day to December's: January's
            """)
    void shouldChooseTheNearestExpiryWithEnoughDaysLeft(String underlying, LocalDate today, int minDays, LocalDate expiry,
                                                         boolean monthly, String symbol, String why) {
        ExpiryCalendar.Expiry chosen = withHolidays.choose(Markets.named(underlying), today, minDays);

        assertThat(chosen.date()).as(why).isEqualTo(expiry);
        assertThat(chosen.monthly()).as(why).isEqualTo(monthly);
        BigDecimal strike = new BigDecimal(underlying.equals("NIFTY") ? "21500" : "48000");
        assertThat(OptionSymbol.of(underlying, chosen.date(), chosen.monthly(), strike, OptionType.CE)).isEqualTo(symbol);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NIFTY     | 2025-12-24 | 2025-12-29 | NIFTY25DEC21500PE
            BANKNIFTY | 2025-12-10 | 2025-12-29 | BANKNIFTY25DEC21500PE
            """)
    void shouldMoveAMonthlyExpiryOnAHolidayToTheDayBeforeAndKeepItsMonthlySymbol(String underlying, LocalDate today,
                                                                                  LocalDate expiry, String symbol) {
        ExpiryCalendar.Expiry chosen = monthEndHoliday.choose(Markets.named(underlying), today, 2);

        assertThat(chosen.date()).isEqualTo(expiry);
        assertThat(OptionSymbol.of(underlying, chosen.date(), chosen.monthly(), new BigDecimal("21500"), OptionType.PE)).isEqualTo(symbol);
    }
}
