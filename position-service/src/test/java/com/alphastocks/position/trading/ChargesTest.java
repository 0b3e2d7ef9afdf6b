package com.alphastocks.position.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Charges worked by hand at NSE's index-option rates. */
class ChargesTest {

    @Test
    void shouldChargeARoundTripOfOneBuyAndOneSell() {
        // Bought 150 at 189.15 = 28,372.50; sold 150 at 274.25 = 41,137.50; turnover 69,510.00.
        Charges charges = Charges.of(new BigDecimal("28372.50"), new BigDecimal("41137.50"), 2, ChargeRates.NSE_OPTIONS);

        assertThat(charges.brokerage()).isEqualByComparingTo("40.00");   // 2 orders x 20
        assertThat(charges.stt()).isEqualByComparingTo("41.14");         // 0.1 % of 41,137.50 = 41.1375
        assertThat(charges.exchange()).isEqualByComparingTo("24.35");    // 0.03503 % of 69,510 = 24.349
        assertThat(charges.sebi()).isEqualByComparingTo("0.07");         // 10 a crore: 0.0695
        assertThat(charges.gst()).isEqualByComparingTo("11.60");         // 18 % of (40 + 24.35 + 0.07) = 11.5956
        assertThat(charges.stampDuty()).isEqualByComparingTo("0.85");    // 0.003 % of 28,372.50 = 0.8512
        assertThat(charges.total()).isEqualByComparingTo("118.01");
    }

    @Test
    void shouldChargeEveryExitOrderOfAPartlyBookedPosition() {
        // Bought 150 at 189.15; sold 75 at 274.25 (20,568.75) and 75 at 321.55 (24,116.25): 44,685.00 sold.
        Charges charges = Charges.of(new BigDecimal("28372.50"), new BigDecimal("44685.00"), 3, ChargeRates.NSE_OPTIONS);

        assertThat(charges.brokerage()).isEqualByComparingTo("60.00");
        assertThat(charges.stt()).isEqualByComparingTo("44.69");         // 44.685
        assertThat(charges.exchange()).isEqualByComparingTo("25.59");    // 0.03503 % of 73,057.50 = 25.5920
        assertThat(charges.sebi()).isEqualByComparingTo("0.07");         // 0.0731
        assertThat(charges.gst()).isEqualByComparingTo("15.42");         // 18 % of (60 + 25.59 + 0.07) = 15.4188
        assertThat(charges.stampDuty()).isEqualByComparingTo("0.85");
        assertThat(charges.total()).isEqualByComparingTo("146.62");
    }

    @Test
    void shouldChargeTheQuantityOfTheContractsLotNotAnotherExpirys() {
        // The same trade on a January 2026 contract, whose lot is 65 (NSE/FAOP/70616): 2 lots are 130, not 150.
        // Bought 130 at 189.15 = 24,589.50; sold 130 at 274.25 = 35,652.50; turnover 60,242.00.
        Charges charges = Charges.of(new BigDecimal("24589.50"), new BigDecimal("35652.50"), 2, ChargeRates.NSE_OPTIONS);

        assertThat(charges.brokerage()).isEqualByComparingTo("40.00");
        assertThat(charges.stt()).isEqualByComparingTo("35.65");         // 35.6525
        assertThat(charges.exchange()).isEqualByComparingTo("21.10");    // 0.03503 % of 60,242 = 21.1028
        assertThat(charges.sebi()).isEqualByComparingTo("0.06");         // 0.0602
        assertThat(charges.gst()).isEqualByComparingTo("11.01");         // 18 % of (40 + 21.10 + 0.06) = 11.0088
        assertThat(charges.stampDuty()).isEqualByComparingTo("0.74");    // 0.7377
        assertThat(charges.total()).isEqualByComparingTo("108.56");
    }
}
