package com.alphastocks.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;


/** Reference values from an independent implementation (Python, math.erf) of the same formulas. */
class BlackScholesTest {

    @Test
    void shouldPriceAnAtTheMoneyNiftyCallAWeekOut() {
        BlackScholes call = new BlackScholes(OptionType.CE, 21500, 21500, 7 / 365.0, 0.15, 0.065);

        assertThat(call.premium()).isCloseTo(191.772, within(0.01));
        assertThat(call.delta()).isCloseTo(0.52806, within(0.0001));
        assertThat(call.thetaPerDay()).isCloseTo(-14.683, within(0.01));
        assertThat(call.thetaPctPerDay()).isCloseTo(7.656, within(0.01));
    }

    @Test
    void shouldKeepPutCallParity() {
        double years = 20 / 365.0;
        BlackScholes call = new BlackScholes(OptionType.CE, 48030, 48000, years, 0.16, 0.065);
        BlackScholes put = new BlackScholes(OptionType.PE, 48030, 48000, years, 0.16, 0.065);

        assertThat(call.premium() - put.premium()).isCloseTo(48030 - 48000 * Math.exp(-0.065 * years), within(1e-6));
        assertThat(call.delta() - put.delta()).isCloseTo(1.0, within(1e-12));
    }
}
