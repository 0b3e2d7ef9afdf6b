package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;

class TradesCsvTest {

    private static final Envelope ENVELOPE = new Envelope("position-service", Clock.systemUTC());

    @Test
    void shouldWriteOneRowPerClosedPositionWithItsLotsAndMarketTimes() {
        Instant exit = Instant.parse("2025-12-03T05:07:45Z");
        PositionClosed closed = PositionClosed.newBuilder()
                .setMetadata(ENVELOPE.metadataAt(Instant.parse("2026-11-25T13:38:21Z"), EventType.POSITION_CLOSED, "c1", "s1", null, Priority.CRITICAL))
                .setPositionId("p1").setSignalId("s1").setStrategy("RSI").setInstrument("NIFTY25D0921600PE").setQuantity(150)
                .setEntryPremium(Decimals.of("185.65")).setExitPremium(Decimals.of("124.5")).setGrossPnl(Decimals.of("-9172.5"))
                .setCharges(Decimals.of("86.01")).setNetPnl(Decimals.of("-9258.51")).setExitReason(ExitReason.STOP_LOSS)
                .setHoldingMillis(22 * 60_000L + 45_000).setExitTime(exit).build();
        PositionOpened opened = PositionOpened.newBuilder()
                .setMetadata(ENVELOPE.metadata(EventType.POSITION_OPENED, "o1", "s1", null, Priority.HIGH))
                .setPositionId("p1").setSignalId("s1").setStrategy("RSI").setUnderlying("NIFTY").setInstrument("NIFTY25D0921600PE")
                .setOption(com.alphastocks.contracts.OptionContract.newBuilder().setOptionType(com.alphastocks.contracts.OptionType.PE)
                        .setStrike(Decimals.of("21600")).setExpiry(java.time.LocalDate.of(2025, 12, 9)).build())
                .setLots(2).setLotSize(75).setQuantity(150).setEntryPremium(Decimals.scaled(new BigDecimal("185.65")))
                .setExitRules(ExitRules.newBuilder().setStopLossPremium(Decimals.of("130")).setTargetPremium(Decimals.of("270")).setSecondTargetPremium(null)
                        .setPartialExitFraction(null).setTrailingActivationPremium(null).setTrailingGapPct(null).setTrailingLockPct(null)
                        .setMaxHoldingMinutes(null).setSquareOffTime(null).setOvernightAllowed(false).build())
                .build();

        String csv = TradesCsv.of(List.of(closed), Map.of("s1", opened));

        assertThat(csv.lines().toList()).containsExactly(TradesCsv.HEADER,
                "s1,RSI,NIFTY25D0921600PE,2,150,185.65,124.5,STOP_LOSS,-9172.5,86.01,-9258.51,2025-12-03T04:45:00Z,2025-12-03T05:07:45Z");
    }

    @Test
    void shouldFindATradeThatAFaultChangedToThePaisaWhateverTheSignalIds() {
        String baseline = TradesCsv.HEADER + "\n"
                + "s1,MACD,NIFTY25D0921350CE,2,150,209.4,253.35,SQUARE_OFF,6592.5,114.92,6477.58,2025-12-03T09:21:00Z,2025-12-03T09:45:00Z\n"
                + "s2,RSI,NIFTY25D0921700PE,2,150,177.6,283.925,TARGET,15948.75,142.89,15805.86,2025-12-03T06:15:00Z,2025-12-03T08:02:00Z\n";
        String sameTradesOtherIds = TradesCsv.HEADER + "\n"
                + "x2,RSI,NIFTY25D0921700PE,2,150,177.6,283.925,TARGET,15948.75,142.89,15805.86,2025-12-03T06:15:00Z,2025-12-03T08:02:00Z\n"
                + "x1,MACD,NIFTY25D0921350CE,2,150,209.4,253.35,SQUARE_OFF,6592.5,114.92,6477.58,2025-12-03T09:21:00Z,2025-12-03T09:45:00Z\n"
                + "x3,FAULTS,NIFTY25D0921500CE,1,75,100,90,STOP_LOSS,-750,40,-790,2025-12-03T09:50:00Z,2025-12-03T09:55:00Z\n";
        String enteredOnAStaleQuote = TradesCsv.HEADER + "\n"
                + "x1,MACD,NIFTY25D0921350CE,2,150,207.6,253.35,SQUARE_OFF,6862.5,114.86,6747.64,2025-12-03T09:21:00Z,2025-12-03T09:45:00Z\n"
                + "x2,RSI,NIFTY25D0921700PE,2,150,177.6,283.925,TARGET,15948.75,142.89,15805.86,2025-12-03T06:15:00Z,2025-12-03T08:02:00Z\n";

        assertThat(TradesCsv.differences(baseline, sameTradesOtherIds, java.util.Set.of("FAULTS"))).isEmpty();
        assertThat(TradesCsv.differences(baseline, enteredOnAStaleQuote, java.util.Set.of("FAULTS"))).containsExactly(
                "missing: MACD,NIFTY25D0921350CE,2,150,209.4,253.35,SQUARE_OFF,6592.5,114.92,6477.58,2025-12-03T09:21:00Z,2025-12-03T09:45:00Z",
                "not in the baseline: MACD,NIFTY25D0921350CE,2,150,207.6,253.35,SQUARE_OFF,6862.5,114.86,6747.64,2025-12-03T09:21:00Z,2025-12-03T09:45:00Z");
        assertThat(TradesCsv.differences(baseline, sameTradesOtherIds, java.util.Set.of())).as("the suite's own trade counts when not left out")
                .hasSize(1);
    }
}
