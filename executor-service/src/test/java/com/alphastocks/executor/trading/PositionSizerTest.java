package com.alphastocks.executor.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizing on ₹5,00,000 of capital, at most 5 lots, the cap before a loss's factor; every row worked by hand in its comment. */
class PositionSizerTest {

    private final PositionSizer sizer = new PositionSizer(new BigDecimal("500000"), 5);

    @ParameterizedTest(name = "{0} at {1}, stop {2}, risk {4} %, factor {5} -> {6} lots")
    @CsvSource(delimiter = '|', textBlock = """
            # underlying | premium | stop   | lot | risk % | factor | lots | qty | outlay   | risk    | worked
            NIFTY        | 191.75  | 134.25 | 75  | 2.0    | 1      | 2    | 150 | 28762.50 | 8625.00 | 57.50 x 75 = 4312.50 a lot; 10000 / 4312.50 = 2.3
            NIFTY        | 191.75  | 134.25 | 75  | 2.0    | 0.5    | 1    | 75  | 14381.25 | 4312.50 | after a loss: 5000 / 4312.50 = 1.2
            NIFTY        | 20.00   | 14.00  | 75  | 2.0    | 1      | 5    | 375 | 7500.00  | 2250.00 | 6 x 75 = 450 a lot; 22 lots, capped at 5
            BANKNIFTY    | 444.15  | 310.90 | 35  | 2.0    | 1      | 2    | 70  | 31090.50 | 9327.50 | 133.25 x 35 = 4663.75; 10000 / 4663.75 = 2.1
            BANKNIFTY    | 444.15  | 310.90 | 35  | 4.0    | 1      | 4    | 140 | 62181.00 | 18655.00| aggressive: 20000 / 4663.75 = 4.3
            MIDCPNIFTY   | 300.00  | 210.00 | 140 | 2.0    | 1      | 1    | 140 | 42000.00 | 12600.00| 90 x 140 = 12600 > 10000: still one lot
            NIFTY        | 20.00   | 14.00  | 75  | 2.0    | 0.5    | 2    | 150 | 3000.00  | 900.00  | 22 lots, capped at 5, halved after a loss: 2.5 -> 2
            NIFTY        | 100.00  | 78.70  | 75  | 2.0    | 1      | 5    | 375 | 37500.00 | 7987.50 | 21.30 x 75 = 1597.50; 10000 / 1597.50 = 6.3, capped at 5
            NIFTY        | 100.00  | 78.70  | 75  | 2.0    | 0.5    | 2    | 150 | 15000.00 | 3195.00 | the same after a loss: the cap first (5), then halved: 2, not 3
            NIFTY        | 100.00  | 78.70  | 75  | 2.0    | 0.25   | 1    | 75  | 7500.00  | 1597.50 | a quarter of 5 is 1.25: one lot, never none
            NIFTY        | 191.75  | 134.25 | 65  | 2.0    | 1      | 2    | 130 | 24927.50 | 7475.00 | a 2026 contract's lot of 65: 57.50 x 65 = 3737.50; 10000 / 3737.50 = 2.7
            """)
    void shouldSizeByRiskPerTradeBetweenOneLotAndTheMaximum(String underlying, String premium, String stop, int lotSize,
                                                            String riskPct, String factor, int lots, int quantity,
                                                            String outlay, String risk, String worked) {
        PositionSizer.Size size = sizer.size(new BigDecimal(premium), new BigDecimal(stop), lotSize, new BigDecimal(riskPct),
                new BigDecimal(factor));

        assertThat(size.lots()).as(worked).isEqualTo(lots);
        assertThat(size.quantity()).isEqualTo(quantity);
        assertThat(size.outlay()).isEqualByComparingTo(outlay);
        assertThat(size.risk()).isEqualByComparingTo(risk);
    }
}
