package com.alphastocks.executor.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OverridesTest {

    private static final String WHERE = "alphastocks.executor.modes.conservative";

    @Test
    void shouldReplaceOnlyTheValuesConfigured() {
        ModeRules rules = Overrides.apply(TradingMode.CONSERVATIVE.defaults(),
                Map.of("stop-loss-pct", "25", "trend-aligned", "false", "second-target-pct", "none"), WHERE);

        assertThat(rules.stopLossPct()).isEqualByComparingTo("25");
        assertThat(rules.trendAligned()).isFalse();
        assertThat(rules.secondTargetPct()).isNull();
        assertThat(rules.targetPct()).isEqualByComparingTo("45");
        assertThat(rules.minDelta()).isEqualByComparingTo("0.45");
    }

    @Test
    void shouldNameAnUnknownOrMalformedSettingAtStart() {
        assertThatThrownBy(() -> Overrides.apply(TradingMode.CONSERVATIVE.defaults(), Map.of("stoploss-pct", "25"), WHERE))
                .hasMessageStartingWith("unknown setting(s) [alphastocks.executor.modes.conservative.stoploss-pct]; known: offset-pct, ");
        assertThatThrownBy(() -> Overrides.apply(TradingMode.CONSERVATIVE.defaults(), Map.of("max-hold-hours", "four"), WHERE))
                .hasMessage("alphastocks.executor.modes.conservative.max-hold-hours must be a whole number, not 'four'");
    }

    @Test
    void shouldTrailByPointsOnlyWhereTheModeTrailsAtAll() {
        assertThat(Overrides.apply(TradingMode.CONSERVATIVE.defaults(), Map.of("trail-points", "20"), WHERE).trailPoints())
                .isEqualByComparingTo("20");
        assertThatThrownBy(() -> Overrides.apply(TradingMode.ULTRA_SAFE.defaults(), Map.of("trail-points", "20"), "alphastocks.executor.modes.ultra_safe"))
                .hasMessage("alphastocks.executor.modes.ultra_safe: trail-points needs trail-activation-pct: the profit on the premium after which the stop trails");
        assertThatThrownBy(() -> Overrides.apply(TradingMode.CONSERVATIVE.defaults(), Map.of("trail-points", "0"), WHERE))
                .hasMessage(WHERE + ": trail-points must be above 0 (premium points below the best premium), not 0");
    }
}
