package com.alphastocks.notify;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.alphastocks.analytics.Events;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.TradeExit;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;

/** An opened position, beside the analytics tests' events ({@link Events}). */
final class NotificationEvents {

    private NotificationEvents() {
    }

    static TradeExit exit(String signalId) {
        return TradeExit.newBuilder()
                .setMetadata(new Envelope("position-service", java.time.Clock.systemUTC())
                        .metadataAt(Events.at(Events.WEDNESDAY, "10:30"), EventType.TRADE_EXIT, "exit-" + signalId, signalId, null,
                                Priority.CRITICAL))
                .setTradeId("t-" + signalId).setOrderId("o-" + signalId).setSignalId(signalId).setPositionId("pos-" + signalId)
                .setInstrument("NIFTY25D0921500CE").setSide(OrderSide.SELL).setQuantity(150).setPrice(Decimals.scaled(new BigDecimal("124.5")))
                .setExitReason(ExitReason.STOP_LOSS).build();
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
