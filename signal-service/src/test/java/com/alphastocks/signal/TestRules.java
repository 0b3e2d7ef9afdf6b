package com.alphastocks.signal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/** The production defaults of {@link SignalRules}, for tests without Quarkus. */
public record TestRules(Set<String> symbols, BigDecimal maxExpectedMovePct, Duration maxClockSkew, Duration maxAge,
                 Duration expireAfter, Duration expiryCheckInterval) implements SignalRules {

    public static final TestRules DEFAULTS = new TestRules(Set.of("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY"),
            new BigDecimal("20"), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofSeconds(10));
}
