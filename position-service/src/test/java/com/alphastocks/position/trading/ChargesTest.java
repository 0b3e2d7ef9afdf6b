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
}
