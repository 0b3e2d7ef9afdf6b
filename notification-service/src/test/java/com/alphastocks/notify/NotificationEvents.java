package com.alphastocks.notify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.alphastocks.contracts.DayEnded;
import com.alphastocks.contracts.DayTrade;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.StrategyDay;
import com.alphastocks.contracts.TradeExit;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.testkit.SampleEvents;

/** An opened position, beside the analytics tests' events ({@link Events}). */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    static TradeExit exit(String signalId) {
        return TradeExit.newBuilder()
                .setMetadata(new Envelope("position-service", java.time.Clock.systemUTC())
                        .metadataAt(SampleEvents.at(SampleEvents.WEDNESDAY, "10:30"), EventType.TRADE_EXIT, "exit-" + signalId, signalId, null,
                                Priority.CRITICAL))
                .setTradeId("t-" + signalId).setOrderId("o-" + signalId).setSignalId(signalId).setPositionId("pos-" + signalId)
                .setInstrument("NIFTY25D0921500CE").setSide(OrderSide.SELL).setQuantity(150).setPrice(Decimals.scaled(new BigDecimal("124.5")))
                .setExitReason(ExitReason.STOP_LOSS).build();
    }

    /** Wednesday's report: RSI +1,000 (09:30-10:00 IST) and MACD -400 (11:00-11:45 IST). */
    public static DayEnded dayEnded(String id) {
        LocalDate day = SampleEvents.WEDNESDAY;
        return DayEnded.newBuilder()
                .setMetadata(new Envelope("analytics-service", java.time.Clock.systemUTC())
                        .metadataAt(SampleEvents.at(day, "15:29"), EventType.DAY_ENDED, "day-" + id, day.toString(), null, Priority.NORMAL))
                .setDay(day).setTrades(2).setWins(1).setGrossPnl(Decimals.of("700")).setCharges(Decimals.of("100"))
                .setNetPnl(Decimals.of("600")).setMaxDrawdown(Decimals.of("400"))
                .setStrategies(List.of(
                        StrategyDay.newBuilder().setStrategy("MACD").setTrades(1).setWins(0).setNetPnl(Decimals.of("-400")).build(),
                        StrategyDay.newBuilder().setStrategy("RSI").setTrades(1).setWins(1).setNetPnl(Decimals.of("1000")).build()))
                .setClosedTrades(List.of(
                        trade("pos-" + id + "-1", "RSI", "1050", "1000", SampleEvents.at(day, "09:30"), SampleEvents.at(day, "10:00")),
                        trade("pos-" + id + "-2", "MACD", "-350", "-400", SampleEvents.at(day, "11:00"), SampleEvents.at(day, "11:45"))))
                .build();
    }

    private static DayTrade trade(String positionId, String strategy, String gross, String net, java.time.Instant in, java.time.Instant out) {
        return DayTrade.newBuilder().setPositionId(positionId).setStrategy(strategy).setInstrument("NIFTY25D0921500CE").setQuantity(75)
                .setEntryPremium(Decimals.of("150")).setExitPremium(Decimals.of("164")).setGrossPnl(Decimals.of(gross))
                .setCharges(Decimals.of("50")).setNetPnl(Decimals.of(net)).setExitReason("TARGET").setEnteredAt(in).setExitedAt(out).build();
    }

    static PositionOpened opened(String signalId, Priority priority) {
        var at = SampleEvents.at(SampleEvents.WEDNESDAY, "09:30");
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
