package com.alphastocks.position.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The charges of a round trip, each rounded to the paisa, and their total. */
public record Charges(BigDecimal brokerage, BigDecimal stt, BigDecimal exchange, BigDecimal sebi, BigDecimal gst,
                      BigDecimal stampDuty) {

    private static final BigDecimal CRORE = new BigDecimal("10000000");

    /**
     * @param bought premium paid in all (price × quantity of the entry)
     * @param sold premium received in all exits
     * @param orders executed orders (the entry and every exit)
     */
    public static Charges of(BigDecimal bought, BigDecimal sold, int orders, ChargeRates rates) {
        BigDecimal turnover = bought.add(sold);
        BigDecimal brokerage = paise(rates.brokeragePerOrder().multiply(BigDecimal.valueOf(orders)));
        BigDecimal stt = paise(pct(sold, rates.sttOnSellPct()));
        BigDecimal exchange = paise(pct(turnover, rates.exchangeChargesPct()));
        BigDecimal sebi = paise(turnover.multiply(rates.sebiFeesPerCrore()).divide(CRORE, 10, RoundingMode.HALF_UP));
        BigDecimal gst = paise(pct(brokerage.add(exchange).add(sebi), rates.gstPct()));
        BigDecimal stamp = paise(pct(bought, rates.stampDutyOnBuyPct()));
        return new Charges(brokerage, stt, exchange, sebi, gst, stamp);
    }

    public BigDecimal total() {
        return brokerage.add(stt).add(exchange).add(sebi).add(gst).add(stampDuty);
    }

    private static BigDecimal pct(BigDecimal amount, BigDecimal pct) {
        return amount.multiply(pct).movePointLeft(2);
    }

    private static BigDecimal paise(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
