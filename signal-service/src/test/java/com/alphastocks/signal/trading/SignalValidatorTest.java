package com.alphastocks.signal.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.alphastocks.signal.TestRules;

import static org.assertj.core.api.Assertions.assertThat;

/** Every validation rule, with the exact answer a strategy gets. */
class SignalValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T05:00:00Z");
    private final SignalValidator validator = new SignalValidator(TestRules.DEFAULTS);

    @Test
    void shouldFindNothingWrongWithAGoodBuyOrSell() {
        assertThat(validator.check(signal("BUY", "21500", "21350", "21700"), NOW)).isEmpty();
        assertThat(validator.check(signal("SELL", "48000", "48300", "47500"), NOW)).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            strategy        | RSI strategy! | INVALID_STRATEGY           | strategy must be 1 to 64 letters, digits, '_', '.' or '-', not 'RSI strategy!'
            strategy        |               | REQUIRED                   | strategy is required
            symbol          | SENSEX        | UNKNOWN_SYMBOL             | symbol SENSEX is not traded here (known: BANKNIFTY, FINNIFTY, MIDCPNIFTY, NIFTY)
            symbol          |               | REQUIRED                   | symbol is required
            action          | HOLD          | INVALID_ACTION             | action must be BUY or SELL, not 'HOLD'
            action          |               | REQUIRED                   | action is required
            entryPrice      | -5            | NON_POSITIVE_PRICE         | entryPrice must be positive, not -5
            entryPrice      |               | REQUIRED                   | entryPrice is required
            stopLoss        | 0             | NON_POSITIVE_PRICE         | stopLoss must be positive, not 0
            target          | -21700        | NON_POSITIVE_PRICE         | target must be positive, not -21700
            stopLoss        | 21600         | STOP_LOSS_WRONG_SIDE       | for a BUY the stop loss (21600) must be below the entry price (21500)
            stopLoss        | 21500         | STOP_LOSS_WRONG_SIDE       | for a BUY the stop loss (21500) must be below the entry price (21500)
            target          | 21400         | TARGET_WRONG_SIDE          | for a BUY the target (21400) must be above the entry price (21500)
            signalStrength  | 10.5          | STRENGTH_OUT_OF_RANGE      | signalStrength must be between 0 and 10, not 10.5
            signalStrength  | -1            | STRENGTH_OUT_OF_RANGE      | signalStrength must be between 0 and 10, not -1
            signalStrength  |               | REQUIRED                   | signalStrength is required
            expectedMovePct | 0             | EXPECTED_MOVE_OUT_OF_RANGE | expectedMovePct must be above 0 and at most 20, not 0
            expectedMovePct | 35            | EXPECTED_MOVE_OUT_OF_RANGE | expectedMovePct must be above 0 and at most 20, not 35
            clientSignalId  | ' '           | INVALID_CLIENT_SIGNAL_ID   | clientSignalId must be 1 to 128 characters when given
            generatedAt     | 2026-11-25T05:05:00Z | TIME_IN_FUTURE      | generatedAt 2026-11-25T05:05:00Z is 5 min ahead of this service's clock (allowed: 1 min)
            generatedAt     | 2026-11-25T03:00:00Z | SIGNAL_STALE        | generatedAt 2026-11-25T03:00:00Z is 2 h old; signals older than 10 min are not traded
            """)
    void shouldRefuseWithTheFieldACodeAndAMessage(String field, String value, String code, String message) {
        SignalRequest bad = with(signal("BUY", "21500", "21350", "21700"), field, value);

        assertThat(validator.check(bad, NOW)).containsExactly(new SignalValidator.Problem(field, code, message));
    }

    @Test
    void shouldCheckTheSidesTheOtherWayRoundForASell() {
        assertThat(validator.check(signal("SELL", "48000", "47900", "48100"), NOW))
                .extracting(SignalValidator.Problem::message)
                .containsExactly("for a SELL the stop loss (47900) must be above the entry price (48000)",
                        "for a SELL the target (48100) must be below the entry price (48000)");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        SignalRequest bad = new SignalRequest("RSI", "SENSEX", "BUY", new BigDecimal("21500"), new BigDecimal("21600"),
                new BigDecimal("21400"), new BigDecimal("11"), new BigDecimal("0.9"), null, null, null, null, NOW);

        assertThat(validator.check(bad, NOW)).extracting(SignalValidator.Problem::code)
                .containsExactly("UNKNOWN_SYMBOL", "STOP_LOSS_WRONG_SIDE", "TARGET_WRONG_SIDE", "STRENGTH_OUT_OF_RANGE");
    }

    private static SignalRequest signal(String action, String entry, String stop, String target) {
        return new SignalRequest("RSI", "NIFTY", action, new BigDecimal(entry), new BigDecimal(stop), new BigDecimal(target),
                new BigDecimal("7.5"), new BigDecimal("0.93"), "rsi-1", "5min", false, Map.of(), NOW);
    }

    private static SignalRequest with(SignalRequest s, String field, String value) {
        BigDecimal number = value == null || value.isBlank() || !value.matches("-?[0-9.]+") ? null : new BigDecimal(value);
        return new SignalRequest(
                field.equals("strategy") ? value : s.strategy(),
                field.equals("symbol") ? value : s.symbol(),
                field.equals("action") ? value : s.action(),
                field.equals("entryPrice") ? number : s.entryPrice(),
                field.equals("stopLoss") ? number : s.stopLoss(),
                field.equals("target") ? number : s.target(),
                field.equals("signalStrength") ? number : s.signalStrength(),
                field.equals("expectedMovePct") ? number : s.expectedMovePct(),
                field.equals("clientSignalId") ? value : s.clientSignalId(),
                s.timeframe(), s.urgent(), s.features(),
                field.equals("generatedAt") ? Instant.parse(value) : s.generatedAt());
    }
}
