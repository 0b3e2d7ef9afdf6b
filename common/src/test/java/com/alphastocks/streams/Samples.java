package com.alphastocks.streams;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.alphastocks.contracts.*;

/** Hand-made events for the wire tests. */
public final class Samples {

    public static final Envelope ENVELOPE = new Envelope("test-service",
            Clock.fixed(Instant.parse("2026-11-25T04:00:00.123456789Z"), ZoneOffset.UTC));

    private Samples() {
    }

    public static SignalGenerated signalGenerated(String signalId) {
        return SignalGenerated.newBuilder()
                .setMetadata(ENVELOPE.metadata(EventType.SIGNAL_GENERATED, EventIds.derived(EventType.SIGNAL_GENERATED, signalId),
                        signalId, "cause-1", Priority.NORMAL))
                .setSignalId(signalId)
                .setClientSignalId("rsi-0001")
                .setStrategy("RSI")
                .setSymbol("NIFTY")
                .setAction(SignalAction.BUY)
                .setEntryPrice(Decimals.of("21500.05"))
                .setStopLoss(Decimals.of("21350"))
                .setTarget(Decimals.of("21700"))
                .setSignalStrength(Decimals.of("7.5"))
                .setExpectedMovePct(Decimals.of("0.93"))
                .setTimeframe("5min")
                .setFeatures(Map.of("rsi", 32.5))
                .build();
    }

    public static MarketTick optionTick() {
        return MarketTick.newBuilder()
                .setMetadata(ENVELOPE.metadata(EventType.MARKET_TICK, EventIds.random(), "NIFTY25DEC21500CE", null, Priority.LOW))
                .setInstrument("NIFTY25DEC21500CE")
                .setUnderlying("NIFTY")
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE)
                        .setStrike(Decimals.of("21500")).setExpiry(LocalDate.of(2025, 12, 30)).build())
                .setLastPrice(Decimals.of("152.35"))
                .setBid(Decimals.of("152.30"))
                .setAsk(null)
                .setVolume(1200)
                .setOpenInterest(35_000)
                .setImpliedVolatility(Decimals.of("14.2"))
                .setExchangeTime(Instant.parse("2025-12-01T04:00:01.5Z"))
                .build();
    }

    public static PositionOpened positionOpened() {
        return PositionOpened.newBuilder()
                .setMetadata(ENVELOPE.metadata(EventType.POSITION_OPENED, EventIds.random(), "sig-1", null, Priority.HIGH))
                .setPositionId("pos-1").setSignalId("sig-1").setStrategy("RSI").setUnderlying("NIFTY")
                .setInstrument("NIFTY25DEC21500CE")
                .setOption(optionTick().getOption())
                .setLots(2).setLotSize(75).setQuantity(150)
                .setEntryPremium(Decimals.of("152.35"))
                .setExitRules(ExitRules.newBuilder()
                        .setStopLossPremium(Decimals.of("106.65"))
                        .setTargetPremium(Decimals.of("220.91"))
                        .setSecondTargetPremium(Decimals.of("259.00"))
                        .setPartialExitFraction(Decimals.of("0.6"))
                        .setSquareOffTime(LocalTime.of(15, 15))
                        .setMaxHoldingMinutes(240)
                        .build())
                .build();
    }
}
