package com.alphastocks.notify;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.alphastocks.analytics.Events;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;

/** An opened position, beside the analytics tests' events ({@link Events}). */
final class NotificationEvents {

    private NotificationEvents() {
    }

    static PositionOpened opened(String signalId, Priority priority) {
        var at = Events.at(Events.WEDNESDAY, "09:30");
        return PositionOpened.newBuilder()
                .setMetadata(new Envelope("executor-service", java.time.Clock.systemUTC())
                        .metadataAt(at, EventType.POSITION_OPENED, "opened-" + signalId, signalId, null, priority))
                .setPositionId("pos-" + signalId).setSignalId(signalId).setStrategy("RSI").setUnderlying("NIFTY")
                .setInstrument("NIFTY25D0921500CE")
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.scaled(new BigDecimal("21500")))
                        .setExpiry(LocalDate.of(2025, 12, 9)).build())
                .setLots(2).setLotSize(75).setQuantity(150).setEntryPremium(Decimals.scaled(new BigDecimal("152.5")))
                .setExitRules(ExitRules.newBuilder().setStopLossPremium(Decimals.scaled(new BigDecimal("120")))
                        .setTargetPremium(Decimals.scaled(new BigDecimal("210"))).setSecondTargetPremium(null).setPartialExitFraction(null)
                        .setTrailingActivationPremium(null).setTrailingGapPct(null).setTrailingLockPct(null).setMaxHoldingMinutes(null)
                        .setSquareOffTime(null).setOvernightAllowed(false).build())
                .build();
    }
}
