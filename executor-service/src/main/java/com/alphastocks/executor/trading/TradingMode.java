package com.alphastocks.executor.trading;

import java.math.BigDecimal;

/**
 * The original AlphaStocks trading modes with their reference values (shared/TRADING.md), which are the
 * defaults; every value can be overridden in configuration. The original's strength scale was 0–1: here it is
 * 0–10 (0.7 there is 7 here).
 */
public enum TradingMode {
    /** Deep-ish in the money, tight stop, no partial booking, no trailing. */
    ULTRA_SAFE(new ModeRules(d("-0.5"), null, null, null, null, d("0.60"), d("8"), d("20"), d("30"), null, d("1.5"),
            d("1.0"), d("8"), true, 3, false, null, null, null, null)),
    /** At the money; 60 % booked at +45 %, the rest for +70 %, trailing after +25 %. The default. */
    CONSERVATIVE(new ModeRules(d("0"), null, null, null, null, d("0.45"), d("10"), d("30"), d("45"), d("70"), d("2.0"),
            d("1.5"), d("7"), true, 4, false, d("0.6"), d("25"), d("50"), null)),
    /** At the money, or 1 % out of it when a move above 2 % is expected (0.75 % in between, at the money below 1 %). */
    BALANCED(new ModeRules(d("0.75"), d("1"), d("0"), d("2"), d("1"), d("0.35"), d("12"), d("35"), d("60"), d("100"), d("3.0"),
            d("1.0"), d("6"), false, 6, false, d("0.5"), d("30"), d("50"), null)),
    /** Out of the money: 2 % when a move above 3 % is expected, 1 % below 2 %, else 1.5 %; may hold overnight. */
    AGGRESSIVE(new ModeRules(d("1.5"), d("2"), d("1"), d("3"), d("2"), d("0.25"), d("15"), d("50"), d("100"), d("150"), d("4.0"),
            d("2.0"), d("7"), false, 12, true, d("0.3"), d("50"), d("40"), null));

    private final ModeRules defaults;

    TradingMode(ModeRules defaults) {
        this.defaults = defaults;
    }

    public ModeRules defaults() {
        return defaults;
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
