package com.alphastocks.position.trading;

import java.math.BigDecimal;

/**
 * What an option trade costs besides its premium (Indian index options; rates from configuration):
 * brokerage per executed order, STT on the sell side, exchange transaction charges and SEBI fees on the
 * turnover, GST on brokerage and those charges, stamp duty on the buy side. Percentages are plain numbers.
 */
public record ChargeRates(BigDecimal brokeragePerOrder, BigDecimal sttOnSellPct, BigDecimal exchangeChargesPct,
                          BigDecimal sebiFeesPerCrore, BigDecimal gstPct, BigDecimal stampDutyOnBuyPct) {

    /** NSE index options, late 2025: ₹20 an order, STT 0.1 %, NSE 0.03503 %, SEBI ₹10 a crore, GST 18 %, stamp 0.003 %. */
    public static final ChargeRates NSE_OPTIONS = new ChargeRates(new BigDecimal("20"), new BigDecimal("0.1"),
            new BigDecimal("0.03503"), new BigDecimal("10"), new BigDecimal("18"), new BigDecimal("0.003"));
}
