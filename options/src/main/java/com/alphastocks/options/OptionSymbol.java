package com.alphastocks.options;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Option trading symbols in the exchange's (NSE, Kite) format: a monthly expiry is
 * {@code NIFTY25DEC21500CE}; a weekly one {@code NIFTY25D0921500CE} (year, month as 1–9, O, N, D, day).
 */
public final class OptionSymbol {

    private static final String MONTH_CODES = "123456789OND";
    private static final Pattern MONTHLY = Pattern.compile("([A-Z]+)(\\d{2})(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(\\d+(?:\\.\\d+)?)(CE|PE)");
    private static final Pattern WEEKLY = Pattern.compile("([A-Z]+)(\\d{2})([1-9OND])(\\d{2})(\\d+(?:\\.\\d+)?)(CE|PE)");

    /** An option as its symbol names it; for a monthly symbol the expiry is the last {@code expiryDay} of the month. */
    public record Parsed(String underlying, LocalDate expiry, BigDecimal strike, OptionType type) {
    }

    private OptionSymbol() {
    }

    public static String of(String underlying, LocalDate expiry, boolean monthlyExpiry, BigDecimal strike, OptionType type) {
        String year = String.format("%02d", expiry.getYear() % 100);
        String when = monthlyExpiry
                ? year + expiry.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT)
                : year + MONTH_CODES.charAt(expiry.getMonthValue() - 1) + String.format("%02d", expiry.getDayOfMonth());
        return underlying + when + strike.stripTrailingZeros().toPlainString() + type.name();
    }

    /** Reads a symbol back; empty for an underlying or anything that is not an option symbol. */
    public static Optional<Parsed> parse(String symbol, java.time.DayOfWeek expiryDay) {
        Matcher weekly = WEEKLY.matcher(symbol);
        if (weekly.matches()) {
            LocalDate expiry = LocalDate.of(2000 + Integer.parseInt(weekly.group(2)), MONTH_CODES.indexOf(weekly.group(3)) + 1,
                    Integer.parseInt(weekly.group(4)));
            return Optional.of(new Parsed(weekly.group(1), expiry, new BigDecimal(weekly.group(5)), OptionType.valueOf(weekly.group(6))));
        }
        Matcher monthly = MONTHLY.matcher(symbol);
        if (monthly.matches()) {
            LocalDate expiry = LocalDate.of(2000 + Integer.parseInt(monthly.group(2)), Month.valueOf(fullMonth(monthly.group(3))), 1)
                    .with(java.time.temporal.TemporalAdjusters.lastInMonth(expiryDay));
            return Optional.of(new Parsed(monthly.group(1), expiry, new BigDecimal(monthly.group(4)), OptionType.valueOf(monthly.group(5))));
        }
        return Optional.empty();
    }

    private static String fullMonth(String shortName) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT).equals(shortName)) {
                return month.name();
            }
        }
        throw new IllegalArgumentException(shortName);
    }
}
