package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

import com.alphastocks.contracts.OptionType;

/**
 * Option trading symbols in the exchange's (NSE, Kite) format: a monthly expiry is
 * {@code NIFTY25DEC21500CE}; a weekly one {@code NIFTY25D0921500CE} (year, month as 1–9, O, N, D, day).
 */
public final class OptionSymbol {

    private static final String MONTH_CODES = "123456789OND";

    private OptionSymbol() {
    }

    public static String of(String underlying, LocalDate expiry, boolean monthlyExpiry, BigDecimal strike, OptionType type) {
        String year = String.format("%02d", expiry.getYear() % 100);
        String when = monthlyExpiry
                ? year + expiry.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT)
                : year + MONTH_CODES.charAt(expiry.getMonthValue() - 1) + String.format("%02d", expiry.getDayOfMonth());
        return underlying + when + strike.stripTrailingZeros().toPlainString() + type.name();
    }
}
