package com.alphastocks.executor.trading;

import com.alphastocks.options.Markets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.alphastocks.options.OptionType;

/**
 * Strike selection, hand-checked: the offset and rounding by hand (spot × (1 ± offset), nearest strike, a half
 * rounds up), delta and time decay cross-checked with an independent Black–Scholes (IV 15 %, rate 6.5 %).
 */
class StrikeSelectorTest {

    private final StrikeSelector selector = new StrikeSelector();

    @ParameterizedTest(name = "{0} {1} at {2}, move {3} %, {4}, {5} days -> {6} {7}")
    @CsvSource(delimiter = '|', textBlock = """
            # action | underlying | spot  | move | mode         | days | type | strike | why
            BUY      | NIFTY      | 21523 | 0.93 | CONSERVATIVE | 7    | CE   | 21500  | at the money: 21523 rounds down to 21500
            BUY      | NIFTY      | 21525 | 0.93 | CONSERVATIVE | 7    | CE   | 21550  | a half rounds up: 21525 -> 21550 (delta 0.51)
            SELL     | NIFTY      | 21523 | 1.2  | CONSERVATIVE | 7    | PE   | 21500  | put at the money, delta -0.45 just meets 0.45
            BUY      | NIFTY      | 21523 | 1.2  | ULTRA_SAFE   | 7    | CE   | 21400  | 0.5 % in the money: 21415.4 -> 21400
            SELL     | NIFTY      | 21523 | 1.2  | ULTRA_SAFE   | 7    | PE   | 21700  | put 0.5 % in: 21630.6 -> 21650 (delta -0.58 < 0.60), one step in
            BUY      | NIFTY      | 21523 | 0.5  | BALANCED     | 7    | CE   | 21500  | move below 1 %: at the money
            BUY      | NIFTY      | 21523 | 1.5  | BALANCED     | 7    | CE   | 21700  | 0.75 % out: 21684.4 -> 21700 (delta 0.37)
            BUY      | NIFTY      | 21523 | 2.5  | BALANCED     | 7    | CE   | 21700  | 1 % out: 21750 has delta 0.33 < 0.35, one step in
            SELL     | NIFTY      | 21523 | 2.5  | BALANCED     | 7    | PE   | 21400  | put 1 % out: 21307.8 -> 21300 (delta -0.28 < 0.35), two steps in
            BUY      | NIFTY      | 21523 | 3.5  | AGGRESSIVE   | 7    | CE   | 21800  | 2 % out: 21953.5 -> 21950, in to 21800 for delta 0.29
            BUY      | NIFTY      | 21523 | 1.5  | AGGRESSIVE   | 7    | CE   | 21750  | move below 2 %: 1 % out, 21738.2 -> 21750
            SELL     | NIFTY      | 21523 | 2.5  | AGGRESSIVE   | 7    | PE   | 21300  | 1.5 % out: 21200.2 -> 21200, in to 21300
            BUY      | BANKNIFTY  | 48030 | 1.2  | CONSERVATIVE | 7    | CE   | 48000  | step 100: 48030 -> 48000
            BUY      | BANKNIFTY  | 48050 | 1.2  | CONSERVATIVE | 7    | CE   | 48100  | step 100, a half rounds up
            SELL     | BANKNIFTY  | 48049 | 1.2  | CONSERVATIVE | 7    | PE   | 48000  | 48049 -> 48000
            SELL     | BANKNIFTY  | 48030 | 2.5  | BALANCED     | 7    | PE   | 47800  | 1 % out: 47549.7 -> 47500, in to 47800
            BUY      | BANKNIFTY  | 48030 | 3.5  | AGGRESSIVE   | 7    | CE   | 48600  | 2 % out: 48990.6 -> 49000, in to 48600
            BUY      | NIFTY      | 21523 | 1.2  | CONSERVATIVE | 3    | CE   | 21350  | 3 days: at the money decays 16 %/day, in to 8 %/day
            """)
    void shouldPickTheStrikeByTheModesRules(String action, String underlying, String spot, String move, TradingMode mode, long days,
                                           OptionType type, String strike, String why) {
        StrikeSelector.Result result = selector.select(Signal.Action.valueOf(action), new BigDecimal(spot), new BigDecimal(move),
                Markets.named(underlying), mode.defaults(), new StrikeSelector.ModelInputs(days, new BigDecimal("15"), new BigDecimal("6.5")));

        assertThat(result.found()).as(why).isTrue();
        assertThat(result.strike().type()).isEqualTo(type);
        assertThat(result.strike().strike()).as(why).isEqualByComparingTo(strike);
        assertThat(Math.abs(result.strike().delta())).isGreaterThanOrEqualTo(mode.defaults().minDelta().doubleValue());
        assertThat(result.strike().thetaPctPerDay()).isLessThanOrEqualTo(mode.defaults().maxThetaPctPerDay().doubleValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NIFTY     | 21523 | 2 | no CE strike within 10 steps of 21523 meets delta >= 0.25 and time decay <= 15 %/day (last tried 21450: delta 0.63, decay 17.7 %/day)
            BANKNIFTY | 48030 | 1 | no CE strike within 10 steps of 48030 meets delta >= 0.25 and time decay <= 15 %/day (last tried 48000: delta 0.54, decay 46.6 %/day)
            """)
    void shouldRefuseWhenTimeDecayIsTooFastEvenInTheMoney(String underlying, String spot, long days, String refusal) {
        StrikeSelector.Result result = selector.select(Signal.Action.BUY, new BigDecimal(spot), new BigDecimal("3.5"),
                Markets.named(underlying), TradingMode.AGGRESSIVE.defaults(),
                new StrikeSelector.ModelInputs(days, new BigDecimal("15"), new BigDecimal("6.5")));

        assertThat(result.found()).isFalse();
        assertThat(result.refusal()).isEqualTo(refusal);
    }
}
