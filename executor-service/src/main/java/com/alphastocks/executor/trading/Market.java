package com.alphastocks.executor.trading;

import java.math.BigDecimal;
import java.util.Optional;

/** What the planner needs to know of the market, from market.ticks. */
public interface Market {

    /** The latest traded price of an underlying or an option. */
    Optional<BigDecimal> lastPrice(String instrument);

    /** The latest tick of an option, for the chain filters. */
    Optional<OptionQuote> quote(String instrument);

    /** How the underlying has been moving over its recent ticks. */
    Trend trend(String underlying);

    /** The market's own time: the latest exchange time seen (a replayed day trades on its own date). */
    Optional<java.time.Instant> time();
}
