package com.alphastocks.notify.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.alphastocks.contracts.TradingState;
import com.alphastocks.streams.control.TradingStatus;

/**
 * The chat commands against a desk worked out by hand: two open positions (one marked), three closed trades on two
 * days (RSI +1,000.00 on 2 Dec, RSI -250.50 and MACD +3,215.20 on 3 Dec), one of them reported twice.
 */
class BotCommandsTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    private DeskView view;
    private TradingStatus tradingState;
    private BotCommands commands;

    private static Instant ist(int day, String time) {
        return LocalDate.of(2025, 12, day).atTime(LocalTime.parse(time)).atZone(IST).toInstant();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @BeforeEach
    void desk() {
        view = new DeskView(IST);
        view.opened(new DeskView.Open("p1", "RSI", "NIFTY25D0921500CE", 75, d("150"), d("140"), d("170"), null, null, ist(3, "10:00")));
        view.marked("p1", d("160.0000"), d("750.0000"), d("145.0000"));
        view.opened(new DeskView.Open("p2", "MACD", "BANKNIFTY25D0952000PE", 30, d("300.5"), d("280"), d("340"), null, null, ist(3, "11:00")));
        view.closed(new DeskView.Closed("c1", "RSI", "NIFTY25D0221400CE", d("1000.0000"), "TARGET", ist(2, "11:00")));
        view.closed(new DeskView.Closed("c2", "RSI", "NIFTY25D0921500CE", d("-250.5000"), "STOP_LOSS", ist(3, "10:30")));
        view.closed(new DeskView.Closed("c3", "MACD", "BANKNIFTY25D0952000CE", d("3215.2000"), "SQUARE_OFF", ist(3, "14:00")));
        // Read back at start and met again live: counted once; an opening read after its close stays closed.
        view.closed(new DeskView.Closed("c1", "RSI", "NIFTY25D0221400CE", d("1000.0000"), "TARGET", ist(2, "11:00")));
        view.opened(new DeskView.Open("c3", "MACD", "BANKNIFTY25D0952000CE", 30, d("200"), d("180"), d("240"), null, null, ist(3, "13:00")));
        tradingState = TradingStatus.ACTIVE;
        commands = new BotCommands(view, new BotCommands.TradingStateControl() {
            @Override
            public TradingStatus current() {
                return tradingState;
            }

            @Override
            public TradingStatus set(TradingState next, String reason, String by) {
                tradingState = new TradingStatus(next, reason, by, NOW);
                return tradingState;
            }
        });
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("/status", """
                        Trading: ACTIVE
                        Open positions: 2
                        Day 3 Dec 2025: 2 trades, 1 won (50%), net +2,964.70"""),
                Arguments.of("/status@AlphaStocksBot", """
                        Trading: ACTIVE
                        Open positions: 2
                        Day 3 Dec 2025: 2 trades, 1 won (50%), net +2,964.70"""),
                Arguments.of("/positions", """
                        RSI 75 NIFTY25D0921500CE @ 150.00, mark 160.00 (P&L +750.00), stop 145.00, target 170.00 [p1]
                        MACD 30 BANKNIFTY25D0952000PE @ 300.50, stop 280.00, target 340.00 [p2]"""),
                Arguments.of("/pnl", """
                        MACD: 1 trade, 1 won (100%), net +3,215.20
                        RSI: 2 trades, 1 won (50%), net +749.50
                        Total: 3 trades, 2 won (67%), net +3,964.70"""),
                Arguments.of("  /daily  ", """
                        3 Dec 2025: 2 trades, 1 won (50%), net +2,964.70
                        2 Dec 2025: 1 trade, 1 won (100%), net +1,000.00"""),
                Arguments.of("/help", BotCommands.HELP),
                Arguments.of("/start", BotCommands.HELP),
                Arguments.of("/buy NIFTY", "Unknown command /buy. /help lists them."),
                Arguments.of("how are we doing?", "I answer commands only. /help lists them."),
                Arguments.of("", "I answer commands only. /help lists them."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void shouldAnswer(String message, String answer) {
        assertThat(commands.answer(message, "telegram:@desk")).isEqualTo(answer);
        assertThat(tradingState).isEqualTo(TradingStatus.ACTIVE);
    }

    @Test
    void shouldHaltEntriesWithTheReasonAndWhoAndResume() {
        assertThat(commands.answer("/kill lunch break", "telegram:@desk"))
                .isEqualTo("Kill switch ON: no new entries, exits go on. Reason: lunch break. /resume to allow entries again.");
        assertThat(tradingState).isEqualTo(new TradingStatus(TradingState.HALTED, "lunch break", "telegram:@desk", NOW));
        assertThat(commands.answer("/status", "telegram:@desk")).startsWith(
                "Trading: HALTED for new entries (exits go on): lunch break (set by telegram:@desk)\nOpen positions: 2");

        assertThat(commands.answer("/resume", "telegram:@ops")).isEqualTo("Kill switch off: new entries allowed.");
        assertThat(tradingState).isEqualTo(new TradingStatus(TradingState.ACTIVE, null, "telegram:@ops", NOW));
        assertThat(commands.answer("/resume", "telegram:@ops")).isEqualTo("Trading is already active.");

        commands.answer("/kill", "telegram:@desk");
        assertThat(tradingState.reason()).isEqualTo("from Telegram");
    }

    @Test
    void shouldWindTheDeskDownToExitsOnlyAndResume() {
        assertThat(commands.answer("/reduce RBI policy at 10:00", "telegram:@desk"))
                .isEqualTo("REDUCING: exits only, no new entries. Reason: RBI policy at 10:00. /resume to allow entries again.");
        assertThat(tradingState).isEqualTo(new TradingStatus(TradingState.REDUCING, "RBI policy at 10:00", "telegram:@desk", NOW));
        assertThat(commands.answer("/status", "telegram:@desk")).startsWith(
                "Trading: REDUCING, exits only: RBI policy at 10:00 (set by telegram:@desk)\nOpen positions: 2");

        assertThat(commands.answer("/resume", "telegram:@ops")).isEqualTo("Trading ACTIVE: new entries allowed.");
        assertThat(tradingState.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void shouldSayWhenThereIsNothingYet() {
        BotCommands empty = new BotCommands(new DeskView(IST), new BotCommands.TradingStateControl() {
            @Override
            public TradingStatus current() {
                return TradingStatus.ACTIVE;
            }

            @Override
            public TradingStatus set(TradingState next, String reason, String by) {
                throw new AssertionError("nothing is set");
            }
        });
        assertThat(empty.answer("/status", "x")).isEqualTo("Trading: ACTIVE\nOpen positions: 0");
        assertThat(empty.answer("/positions", "x")).isEqualTo("No open positions.");
        assertThat(empty.answer("/pnl", "x")).isEqualTo("No closed trades yet.");
        assertThat(empty.answer("/daily", "x")).isEqualTo("No closed trades yet.");
    }

    @Test
    void shouldSayWhatWentWrongWhenTheSwitchCannotBeRead() {
        BotCommands broken = new BotCommands(view, new BotCommands.TradingStateControl() {
            @Override
            public TradingStatus current() throws Exception {
                throw new java.util.concurrent.TimeoutException("trading.state not readable in 10 s");
            }

            @Override
            public TradingStatus set(TradingState next, String reason, String by) {
                throw new AssertionError("nothing is set");
            }
        });
        assertThat(broken.answer("/status", "x")).isEqualTo("Could not answer /status: trading.state not readable in 10 s");
    }
}
