package com.alphastocks.executor.trading;

import java.math.BigDecimal;

/** The latest market tick of one option, as far as the filters need it; bid, ask and IV may be unknown (null). */
public record OptionQuote(BigDecimal lastPrice, BigDecimal bid, BigDecimal ask, long volume, long openInterest,
                          BigDecimal impliedVolatilityPct) {
}
