package com.alphastocks.position.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.position.wire.PositionEvents;

/**
 * Exit rules against tick sequences worked by hand. The position: 150 (2 lots of 75) NIFTY 21500 CE bought at
 * 189.15 in CONSERVATIVE mode: stop 132.40 (-30 %), first target 274.25 (+45 %) for 60 % of it, second target
 * 321.55 (+70 %), trailing after 236.45 (+25 %) keeping half the best open profit, at most 240 minutes, squared
 * off at 15:15. Ticks are "HH:MM price" on Wednesday 3 Dec 2025 (the expiry is Tuesday 9 Dec unless a row says).
 */
public class ExitEngineTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final LocalDate DAY = LocalDate.of(2025, 12, 3);
    private final ExitEngine engine = new ExitEngine(new ExitEngine.Settings(IST, LocalTime.of(14, 30)));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | lots | expiry     | ticks                                                        | exits (at qty reason)
            stop loss                               | 2    | 2025-12-09 | 10:00 185; 10:05 170; 10:10 140; 10:15 132.40                | 10:15 150 STOP_LOSS
            a gap through the stop exits at once    | 2    | 2025-12-09 | 10:00 185; 10:05 120                                         | 10:05 150 STOP_LOSS
            60 % at the first target, rest at second| 2    | 2025-12-09 | 10:00 200; 10:05 250; 10:10 274.25; 10:15 300; 10:20 321.55  | 10:10 75 PARTIAL_TARGET; 10:20 75 TARGET
            one lot cannot be split: all at target  | 1    | 2025-12-09 | 10:00 200; 10:05 274.25                                      | 10:05 75 TARGET
            trailing after +25 %, keeps half        | 2    | 2025-12-09 | 10:00 200; 10:05 240; 10:10 260; 10:15 230; 10:20 224.55     | 10:20 150 TRAILING_STOP
            the trailing stop never loosens         | 2    | 2025-12-09 | 10:00 260; 10:05 237; 10:10 224.60                           | 10:10 150 TRAILING_STOP
            square-off at 15:15                     | 2    | 2025-12-09 | 14:00 190; 15:14 191; 15:15 192                              | 15:15 150 SQUARE_OFF
            at most 240 minutes                     | 2    | 2025-12-09 | 10:00 190; 13:59 191; 14:00 192                              | 14:00 150 MAX_HOLDING_TIME
            out by 14:30 on expiry day              | 2    | 2025-12-03 | 12:00 190; 14:29 191; 14:30 192                              | 14:30 150 EXPIRY_DAY
            nothing happens in between              | 2    | 2025-12-09 | 10:00 190; 10:30 210; 11:00 180; 11:30 150                   | none
            """)
    void shouldExitByTheRules(String name, int lots, LocalDate expiry, String ticks, String exits) {
        assertThat(exitsOf(PositionEvents.position(opened(lots, expiry)), ticks)).as(name).isEqualTo(exits);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                        | entered on | ticks                                       | exits (at qty reason)
            ticks of the entry market, met late, are past   | 09:59      | 09:58 120; 09:59 130; 10:00 185; 10:05 120  | 10:05 150 STOP_LOSS
            held from the first tick after the entry      | 09:59      | 09:59 190; 10:00 190; 13:59 191; 14:00 192  | 14:00 150 MAX_HOLDING_TIME
            unknown entry market: every tick counts       |            | 09:58 120; 10:00 185                        | 09:58 150 STOP_LOSS
            """)
    void shouldTakeNoTickFromBeforeTheEntry(String name, String enteredOn, String ticks, String exits) {
        PositionOpened opened = opened(2, LocalDate.of(2025, 12, 9));
        opened.setEnteredAt(enteredOn == null ? null : DAY.atTime(LocalTime.parse(enteredOn)).atZone(IST).toInstant());
        assertThat(exitsOf(PositionEvents.position(opened), ticks)).as(name).isEqualTo(exits);
    }

    /**
     * One tick through several levels: each level it crosses is applied on that tick, at its price, in the order the
     * exchange would fill resting orders (targets upwards, then time for the rest); never more sold than bought.
     * Trailing from 280: 189.15 + (280 - 189.15) x 50 % = 234.575 -> 234.60.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                              | lots | expiry     | ticks                       | exits (at qty reason)
            one tick through both targets: both fill on it      | 2    | 2025-12-09 | 10:00 200; 10:05 330        | 10:05 75 PARTIAL_TARGET; 10:05 75 TARGET
            a gap open above both targets                       | 2    | 2025-12-09 | 10:00 330                   | 10:00 75 PARTIAL_TARGET; 10:00 75 TARGET
            exactly at the second target                        | 2    | 2025-12-09 | 10:00 200; 10:05 321.55     | 10:05 75 PARTIAL_TARGET; 10:05 75 TARGET
            one lot through both targets: all of it once        | 1    | 2025-12-09 | 10:00 200; 10:05 330        | 10:05 75 TARGET
            first target and trailing on one tick: rest trails  | 2    | 2025-12-09 | 10:00 200; 10:05 280; 10:10 234.60 | 10:05 75 PARTIAL_TARGET; 10:10 75 TRAILING_STOP
            first target at the square-off time                 | 2    | 2025-12-09 | 11:30 200; 15:15 280        | 15:15 75 PARTIAL_TARGET; 15:15 75 SQUARE_OFF
            both targets at the square-off time: targets first  | 2    | 2025-12-09 | 11:30 200; 15:15 330        | 15:15 75 PARTIAL_TARGET; 15:15 75 TARGET
            first target at the maximum holding time            | 2    | 2025-12-09 | 10:00 200; 14:00 280        | 14:00 75 PARTIAL_TARGET; 14:00 75 MAX_HOLDING_TIME
            first target at expiry day's exit time              | 2    | 2025-12-03 | 12:00 190; 14:30 280        | 14:30 75 PARTIAL_TARGET; 14:30 75 EXPIRY_DAY
            stop at the square-off time: the stop, once         | 2    | 2025-12-09 | 11:30 200; 15:15 130        | 15:15 150 STOP_LOSS
            trailing stop at the square-off time: the stop      | 2    | 2025-12-09 | 11:30 260; 15:15 220        | 15:15 150 TRAILING_STOP
            trailing starts at the square-off time: square-off  | 2    | 2025-12-09 | 11:30 200; 15:15 250        | 15:15 150 SQUARE_OFF
            after the first part, a tick through the second     | 2    | 2025-12-09 | 10:00 280; 10:05 250; 10:10 400 | 10:00 75 PARTIAL_TARGET; 10:10 75 TARGET
            stop at expiry day's exit time: the stop            | 2    | 2025-12-03 | 12:00 190; 14:30 130        | 14:30 150 STOP_LOSS
            stop at the holding limit: the stop                 | 2    | 2025-12-09 | 10:00 190; 14:00 130        | 14:00 150 STOP_LOSS
            holding limit at the square-off time: one exit      | 2    | 2025-12-09 | 11:15 190; 15:15 192        | 15:15 150 SQUARE_OFF
            expiry day's exit and the square-off: one exit      | 2    | 2025-12-03 | 12:00 190; 15:15 192        | 15:15 150 EXPIRY_DAY
            """)
    void shouldApplyEveryLevelOneTickCrosses(String name, int lots, LocalDate expiry, String ticks, String exits) {
        assertThat(exitsOf(PositionEvents.position(opened(lots, expiry)), ticks)).as(name).isEqualTo(exits);
    }

    /** The exits the ticks ("HH:MM price; ...") make, as "HH:MM quantity REASON; ...", or "none". */
    private String exitsOf(OpenPosition position, String ticks) {
        List<String> made = new ArrayList<>();
        for (String tick : ticks.split(";\\s*")) {
            String[] t = tick.trim().split(" ");
            Instant at = DAY.atTime(LocalTime.parse(t[0])).atZone(IST).toInstant();
            ExitEngine.Verdict verdict = engine.onTick(position, new BigDecimal(t[1]), at);
            position = verdict.position();
            for (ExitEngine.Exit exit : verdict.exits()) {
                int quantity = exit.quantityOf(position);
                made.add(t[0] + " " + quantity + " " + exit.reason());
                position = position.exited(new OpenPosition.Fill("X" + made.size(), quantity, new BigDecimal(t[1]), exit.reason(), at));
            }
            assertThat(position.openQuantity()).as("never more sold than bought").isNotNegative();
            if (position.closed()) {
                break;
            }
        }
        return made.isEmpty() ? "none" : String.join("; ", made);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # ticks                         | stop after
            10:00 200                       | 132.40
            10:00 240                       | 214.60
            10:00 240; 10:05 260            | 224.60
            10:00 260; 10:05 237            | 224.60
            """)
    void shouldMoveTheStopUpOnlyOnceTrailing(String ticks, String stop) {
        // 240: 189.15 + (240 - 189.15) / 2 = 214.575 -> 214.60; 260: 224.575 -> 224.60
        OpenPosition position = PositionEvents.position(opened(2, LocalDate.of(2025, 12, 9)));
        for (String tick : ticks.split(";\\s*")) {
            String[] t = tick.trim().split(" ");
            position = engine.onTick(position, new BigDecimal(t[1]), DAY.atTime(LocalTime.parse(t[0])).atZone(IST).toInstant()).position();
        }
        assertThat(position.stop()).isEqualByComparingTo(stop);
    }

    /**
     * Trailing by points (trail-points) instead of a share of the open profit: once the premium reaches the activation
     * (236.45), the stop stays that many points below the best premium seen, on the 0.05 tick, and never loosens.
     * 20 points from 240: 220.00; from 260: 240.00. 12.33 points from 260: 247.67 -> 247.65.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                     | points | ticks                                       | stop after | exits (at qty reason)
            not trailing before the activation         | 20     | 10:00 230; 10:05 200                        | 132.40     | none
            20 points below the best once trailing     | 20     | 10:00 240                                   | 220.00     | none
            follows the best up                        | 20     | 10:00 240; 10:05 260                        | 240.00     | none
            never loosens                              | 20     | 10:00 260; 10:05 245                        | 240.00     | none
            exits when the premium falls to it         | 20     | 10:00 240; 10:05 260; 10:10 250; 10:15 240  | 240.00     | 10:15 150 TRAILING_STOP
            a gap below it exits at once               | 20     | 10:00 260; 10:05 150                        | 240.00     | 10:05 150 TRAILING_STOP
            points off the tick: the nearest tick      | 12.33  | 10:00 260                                   | 247.65     | none
            """)
    void shouldTrailByPoints(String name, String points, String ticks, String stopAfter, String exits) {
        PositionOpened opened = opened(2, LocalDate.of(2025, 12, 9));
        opened.getExitRules().setTrailingLockPct(null);
        opened.getExitRules().setTrailingGapPoints(Decimals.of(points));
        OpenPosition position = PositionEvents.position(opened);
        OpenPosition before = position;
        for (String tick : ticks.split(";\\s*")) {
            String[] t = tick.trim().split(" ");
            ExitEngine.Verdict verdict = engine.onTick(position, new BigDecimal(t[1]), DAY.atTime(LocalTime.parse(t[0])).atZone(IST).toInstant());
            if (!verdict.exits().isEmpty()) {
                break;
            }
            position = verdict.position();
        }
        assertThat(position.stop()).as(name).isEqualByComparingTo(stopAfter);
        assertThat(exitsOf(before, ticks)).as(name).isEqualTo(exits);
    }

    public static PositionOpened opened(int lots, LocalDate expiry) {
        return PositionOpened.newBuilder()
                .setMetadata(new Envelope("executor-service", Clock.systemUTC()).metadata(EventType.POSITION_OPENED, EventIds.random(),
                        "sig-1", null, Priority.HIGH))
                .setPositionId("pos-1").setSignalId("sig-1").setStrategy("RSI").setUnderlying("NIFTY").setInstrument("NIFTY25D0921500CE")
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.of("21500")).setExpiry(expiry).build())
                .setLots(lots).setLotSize(75).setQuantity(75 * lots).setEntryPremium(Decimals.of("189.15"))
                .setExitRules(ExitRules.newBuilder()
                        .setStopLossPremium(Decimals.of("132.40")).setTargetPremium(Decimals.of("274.25"))
                        .setSecondTargetPremium(Decimals.of("321.55")).setPartialExitFraction(Decimals.of("0.6"))
                        .setTrailingActivationPremium(Decimals.of("236.45")).setTrailingGapPct(null).setTrailingLockPct(Decimals.of("50"))
                        .setMaxHoldingMinutes(240).setSquareOffTime(LocalTime.of(15, 15)).setOvernightAllowed(false).build())
                .build();
    }
}
