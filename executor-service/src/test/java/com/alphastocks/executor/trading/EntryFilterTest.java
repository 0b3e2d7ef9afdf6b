package com.alphastocks.executor.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class EntryFilterTest {

    private final EntryFilter filter = new EntryFilter(ChainRules.DEFAULTS);
    private static final String OPTION = "NIFTY25D0921500CE";

    @Test
    void shouldPassAStrongSignalWithTheTrend() {
        assertThat(filter.checkSignal(Signal.Action.BUY, d("7.5"), d("1.6"), Trend.UP, TradingMode.CONSERVATIVE.defaults())).isEmpty();
        assertThat(filter.checkSignal(Signal.Action.SELL, d("7.5"), d("1.6"), Trend.DOWN, TradingMode.CONSERVATIVE.defaults())).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} strength {2} move {3} trend {4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            CONSERVATIVE | BUY  | 6.5 | 1.6 | UP   | WEAK_SIGNAL         | signal strength 6.5 is below the mode's minimum of 7
            CONSERVATIVE | BUY  | 7.5 | 1.2 | UP   | SMALL_EXPECTED_MOVE | expected move 1.2 % is below the mode's minimum of 1.5 %
            CONSERVATIVE | BUY  | 7.5 | 1.6 | DOWN | AGAINST_TREND       | a BUY needs the underlying trending UP, it is DOWN
            ULTRA_SAFE   | SELL | 8.5 | 1.1 | FLAT | AGAINST_TREND       | a SELL needs the underlying trending DOWN, it is FLAT
            AGGRESSIVE   | BUY  | 7.5 | 1.9 | UP   | SMALL_EXPECTED_MOVE | expected move 1.9 % is below the mode's minimum of 2 %
            """)
    void shouldRefuseASignalTheModeDoesNotTrade(TradingMode mode, Signal.Action action, String strength, String move, Trend trend,
                                               String code, String message) {
        assertThat(filter.checkSignal(action, d(strength), d(move), trend, mode.defaults()))
                .containsExactly(new Refusal(Refusal.Stage.FILTER, code, message));
    }

    @Test
    void shouldNotAskBalancedOrAggressiveModesForTheTrend() {
        assertThat(filter.checkSignal(Signal.Action.BUY, d("7"), d("2.5"), Trend.DOWN, TradingMode.BALANCED.defaults())).isEmpty();
    }

    @ParameterizedTest(name = "premium {0}, {1} days, IV {2}, OI {3}, volume {4}, bid {5} ask {6} -> {7}")
    @CsvSource(delimiter = '|', textBlock = """
            9.95   | 7  | 15 | 100 | 50 | 9.90   | 10.00  | PREMIUM_OUT_OF_RANGE        | NIFTY25D0921500CE premium 9.95 is outside 10 to 300
            300.05 | 7  | 15 | 100 | 50 | 300.00 | 300.10 | PREMIUM_OUT_OF_RANGE        | NIFTY25D0921500CE premium 300.05 is outside 10 to 300
            150    | 1  | 15 | 100 | 50 | 149.90 | 150.10 | DAYS_TO_EXPIRY_OUT_OF_RANGE | NIFTY25D0921500CE expires in 1 days, outside 2 to 30
            150    | 31 | 15 | 100 | 50 | 149.90 | 150.10 | DAYS_TO_EXPIRY_OUT_OF_RANGE | NIFTY25D0921500CE expires in 31 days, outside 2 to 30
            150    | 7  | 14 | 100 | 50 | 149.90 | 150.10 | LOW_IMPLIED_VOLATILITY      | NIFTY25D0921500CE implied volatility 14 % is below 15 %
            150    | 7  | 15 | 99  | 50 | 149.90 | 150.10 | LOW_OPEN_INTEREST           | NIFTY25D0921500CE open interest 99 is below 100
            150    | 7  | 15 | 100 | 49 | 149.90 | 150.10 | LOW_VOLUME                  | NIFTY25D0921500CE volume 49 is below 50
            103    | 7  | 15 | 100 | 50 | 100    | 106    | WIDE_SPREAD                 | NIFTY25D0921500CE bid-ask spread is 5.83 % of the premium, above 5 %
            """)
    void shouldApplyTheChainFilters(String premium, long days, String iv, long oi, long volume, String bid, String ask,
                                    String code, String message) {
        OptionQuote quote = new OptionQuote(d(premium), d(bid), d(ask), volume, oi, d(iv));

        List<Refusal> refusals = filter.checkOption(OPTION, quote, d(premium), days, d(iv));

        assertThat(refusals).extracting(Refusal::code).containsExactly(code);
        assertThat(refusals).extracting(Refusal::message).containsExactly(message);
    }

    @Test
    void shouldSkipTheLiquidityFiltersWhenTheFeedDoesNotQuoteTheOption() {
        assertThat(filter.checkOption(OPTION, null, d("150"), 7, d("15"))).isEmpty();
        assertThat(filter.checkOption(OPTION, new OptionQuote(d("103"), d("100"), d("105"), 50, 100, d("15")), d("103"), 7, d("15")))
                .as("spread 4.85 %").isEmpty();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
