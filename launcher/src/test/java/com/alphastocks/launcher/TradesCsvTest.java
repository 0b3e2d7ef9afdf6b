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
}
