package com.alphastocks.streams;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices, premiums and money as the contracts carry them: exact decimals with four places. */
public final class Decimals {

    /** The scale of every {@code decimal(20,4)} in the contracts. */
    public static final int SCALE = 4;

    private Decimals() {
    }

    /** The value at the contracts' scale; Avro refuses a decimal of any other scale. */
    public static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal of(String value) {
        return scaled(new BigDecimal(value));
    }

    /** The value as people write it: no trailing zeros, no exponent ("152.5", "1000"); "" for none. */
    public static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
