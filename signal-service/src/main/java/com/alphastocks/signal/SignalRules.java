package com.alphastocks.signal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What makes a signal acceptable, and how long it may wait to be acted on: {@code alphastocks.signals.*}. */
@ConfigMapping(prefix = "alphastocks.signals")
public interface SignalRules {

    /** Underlyings this system trades. */
    @WithDefault("NIFTY,BANKNIFTY,FINNIFTY,MIDCPNIFTY")
    Set<String> symbols();

    /** Largest believable expected move of the underlying, in percent. */
    @WithDefault("20")
    BigDecimal maxExpectedMovePct();

    /** How far ahead of this service's clock a signal's time may be. */
    @WithDefault("PT1M")
    Duration maxClockSkew();

    /** A signal older than this when it arrives is not traded. */
    @WithDefault("PT10M")
    Duration maxAge();

    /** A generated signal nobody acted on expires after this. */
    @WithDefault("PT15M")
    Duration expireAfter();

    /** How often expiry is checked. */
    @WithDefault("PT10S")
    Duration expiryCheckInterval();
}
