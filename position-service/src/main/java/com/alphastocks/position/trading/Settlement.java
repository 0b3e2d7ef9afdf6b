package com.alphastocks.position.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a position settled at once all of it is sold: premium paid and received, gross P&L, the round trip's charges
 * (the entry and every exit order), net P&L, the average exit premium and the net as a percentage of the premium paid.
 */
public record Settlement(BigDecimal bought, BigDecimal sold, BigDecimal gross, Charges charges, BigDecimal net,
                         BigDecimal exitPremium, BigDecimal netPct) {

    /** @param exits every exit fill; together they sell {@code quantity} */
    public static Settlement of(BigDecimal entryPremium, int quantity, List<OpenPosition.Fill> exits, ChargeRates rates) {
        BigDecimal bought = entryPremium.multiply(BigDecimal.valueOf(quantity));
        BigDecimal sold = exits.stream().map(f -> f.price().multiply(BigDecimal.valueOf(f.quantity()))).reduce(BigDecimal.ZERO, BigDecimal::add);
        Charges charges = Charges.of(bought, sold, 1 + exits.size(), rates);
        BigDecimal net = sold.subtract(bought).subtract(charges.total());
        return new Settlement(bought, sold, sold.subtract(bought), charges, net,
                sold.divide(BigDecimal.valueOf(quantity), 4, RoundingMode.HALF_UP),
                net.multiply(BigDecimal.valueOf(100)).divide(bought, 4, RoundingMode.HALF_UP));
    }

    /**
     * Whether the signal ended stopped rather than completed: its last exit was the stop-loss, or it lost money after
     * charges on any exit but the target.
     */
    public boolean stopped(ExitReason lastExit) {
        return lastExit == ExitReason.STOP_LOSS || lastExit != ExitReason.TARGET && net.signum() < 0;
    }
}
