package com.alphastocks.position.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settlements worked by hand at NSE's index-option rates (₹20 an order, STT 0.1 % of the sale, exchange 0.03503 % and
 * SEBI ₹10 a crore of the turnover, GST 18 % of those and the brokerage, stamp 0.003 % of the purchase), each charge
 * rounded to the paisa. The position: 150 bought at 189.15 (28,372.50).
 */
class SettlementTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | exits (qty@price reason; ...)                | gross     | charges | net       | exit premium | net %    | ends
            stop-loss (sold 19,650.00)             | 150@131.00 STOP_LOSS                         | -8722.50  | 87.61   | -8810.11  | 131.0000     | -31.0516 | STOPPED
            both parts at the market (49,500.00)   | 75@330.00 PARTIAL_TARGET; 75@330.00 TARGET   | 21127.50  | 153.43  | 20974.07  | 330.0000     | 73.9239  | COMPLETED
            all at the first target (41,137.50)    | 150@274.25 TARGET                            | 12765.00  | 118.01  | 12646.99  | 274.2500     | 44.5748  | COMPLETED
            a part at each target (44,685.00)      | 75@274.25 PARTIAL_TARGET; 75@321.55 TARGET   | 16312.50  | 146.62  | 16165.88  | 297.9000     | 56.9773  | COMPLETED
            trailing stop in profit (33,682.50)    | 150@224.55 TRAILING_STOP                     | 5310.00   | 107.45  | 5202.55   | 224.5500     | 18.3366  | COMPLETED
            square-off at a loss (28,200.00)       | 150@188.00 SQUARE_OFF                        | -172.50   | 99.71   | -272.21   | 188.0000     | -0.9594  | STOPPED
            a gain the charges eat (28,440.00)     | 150@189.60 SQUARE_OFF                        | 67.50     | 100.04  | -32.54    | 189.6000     | -0.1147  | STOPPED
            """)
    void shouldSettleTheRoundTrip(String name, String exits, String gross, String charges, String net, String exitPremium,
                                  String netPct, String ends) {
        List<OpenPosition.Fill> fills = Arrays.stream(exits.split(";")).map(String::trim).map(SettlementTest::fill).toList();

        Settlement settled = Settlement.of(new BigDecimal("189.15"), 150, fills, ChargeRates.NSE_OPTIONS);

        assertThat(settled.bought()).as(name).isEqualByComparingTo("28372.50");
        assertThat(settled.gross()).as(name).isEqualByComparingTo(gross);
        assertThat(settled.charges().total()).as(name).isEqualByComparingTo(charges);
        assertThat(settled.net()).as(name).isEqualByComparingTo(net);
        assertThat(settled.exitPremium()).as(name).isEqualTo(new BigDecimal(exitPremium));
        assertThat(settled.netPct()).as(name).isEqualTo(new BigDecimal(netPct));
        assertThat(settled.stopped(fills.get(fills.size() - 1).reason()) ? "STOPPED" : "COMPLETED").as(name).isEqualTo(ends);
    }

    private static OpenPosition.Fill fill(String exit) {
        String[] qtyPriceReason = exit.split("[@ ]");
        return new OpenPosition.Fill("exit", Integer.parseInt(qtyPriceReason[0]), new BigDecimal(qtyPriceReason[1]),
                ExitReason.valueOf(qtyPriceReason[2]), Instant.EPOCH);
    }
}
