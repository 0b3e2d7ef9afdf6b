package com.alphastocks.options;

import java.math.BigDecimal;
import java.time.DayOfWeek;

/** The underlyings as configured by default (lot sizes of late 2025), for tests. */
public final class Markets {

    public static final Underlying NIFTY = new Underlying("NIFTY", new BigDecimal("50"), 75, Underlying.ExpiryCycle.WEEKLY, DayOfWeek.TUESDAY);
    public static final Underlying BANKNIFTY = new Underlying("BANKNIFTY", new BigDecimal("100"), 35, Underlying.ExpiryCycle.MONTHLY, DayOfWeek.TUESDAY);

    private Markets() {
    }

    public static Underlying named(String symbol) {
        return symbol.equals("NIFTY") ? NIFTY : BANKNIFTY;
    }
}
