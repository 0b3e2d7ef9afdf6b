package com.alphastocks.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.RejectionReason;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.Topic;

/** Sample events: a trade's life as the services publish it, and a week of them (the analytics and notification tests, the analytics benchmark). */
public final class SampleEvents {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final LocalDate WEDNESDAY = LocalDate.of(2025, 12, 3);
    public static final LocalDate THURSDAY = LocalDate.of(2025, 12, 4);

    private SampleEvents() {
    }

    /** An event as published: its topic, key (the signal id) and time. */
    public record Published(Topic<?> topic, String key, SpecificRecord event, Instant at) {
    }

    /**
     * The hand-computed week of the analytics tests, for strategies named {@code prefix + "RSI"} and
     * {@code prefix + "MACD"}:
     *
     * <pre>
     *  signal  strategy  underlying  day         net     held
     *  r1      RSI       NIFTY       Wed 3 Dec   +1000   30 min
     *  r2      RSI       NIFTY       Wed 3 Dec    -500   60 min
     *  r3      RSI       NIFTY       Wed 3 Dec   +2000   90 min
     *  r4      RSI       NIFTY       Thu 4 Dec   -1500  120 min
     *  r5      RSI       NIFTY       Thu 4 Dec    +500  150 min
     *  m1      MACD      BANKNIFTY   Thu 4 Dec    -300   20 min
     *  m2      MACD      BANKNIFTY   Thu 4 Dec    -200   40 min
     * </pre>
     *
     * besides: an RSI signal refused by validation (r0), one filtered out (rf), and a MACD signal refused by risk (mr).
     * Signal ids are prefixed too.
     */
    public static List<Published> theWeek(String prefix) {
        List<Published> week = new ArrayList<>();
        String rsi = prefix + "RSI";
        String macd = prefix + "MACD";
        Instant r0 = at(WEDNESDAY, "09:20");
        week.add(new Published(Topic.SIGNAL_REJECTED, prefix + "r0", rejected(prefix + "r0", rsi, RejectionStage.VALIDATION, r0), r0));
        trade(week, prefix + "r1", rsi, "NIFTY", "NIFTY25D0921500CE", "1000", at(WEDNESDAY, "09:30"), 30);
        trade(week, prefix + "r2", rsi, "NIFTY", "NIFTY25D0921500CE", "-500", at(WEDNESDAY, "10:30"), 60);
        refused(week, prefix + "rf", rsi, "NIFTY", RejectionStage.FILTER, at(WEDNESDAY, "11:00"));
        trade(week, prefix + "r3", rsi, "NIFTY", "NIFTY25D0921500CE", "2000", at(WEDNESDAY, "12:00"), 90);
        trade(week, prefix + "r4", rsi, "NIFTY", "NIFTY25D1121600PE", "-1500", at(THURSDAY, "09:30"), 120);
        trade(week, prefix + "r5", rsi, "NIFTY", "NIFTY25D1121600PE", "500", at(THURSDAY, "12:00"), 150);
        trade(week, prefix + "m1", macd, "BANKNIFTY", "BANKNIFTY25DEC59000CE", "-300", at(THURSDAY, "13:00"), 20);
        refused(week, prefix + "mr", macd, "BANKNIFTY", RejectionStage.RISK, at(THURSDAY, "13:10"));
        trade(week, prefix + "m2", macd, "BANKNIFTY", "BANKNIFTY25DEC59000CE", "-200", at(THURSDAY, "14:00"), 40);
        return week;
    }

    /** The RSI feature every signal of the week carries: distinct per signal, to see it come through. */
    public static double rsiOf(String signalId) {
        return 20.0 + Math.floorMod(signalId.hashCode(), 20);
    }

    /** A signal's whole life: generated, activated, closed with {@code net}, then completed or stopped. */
    public static void trade(List<Published> out, String signalId, String strategy, String symbol, String instrument, String net,
                             Instant opened, int heldMinutes) {
        Instant generatedAt = opened.minusSeconds(1);
        Instant closedAt = opened.plus(Duration.ofMinutes(heldMinutes));
        out.add(new Published(Topic.SIGNAL_GENERATED, signalId, generated(signalId, strategy, symbol, generatedAt,
                Map.of("rsi", rsiOf(signalId))), generatedAt));
        out.add(new Published(Topic.SIGNAL_ACTIVATED, signalId, activated(signalId, opened), opened));
        out.add(new Published(Topic.POSITION_CLOSED, signalId, closed(signalId, strategy, instrument, net, closedAt,
                Duration.ofMinutes(heldMinutes)), closedAt));
        boolean win = new BigDecimal(net).signum() > 0;
        out.add(new Published(win ? Topic.SIGNAL_COMPLETED : Topic.SIGNAL_STOPPED, signalId, ended(signalId, new BigDecimal(net), closedAt),
                closedAt));
    }

    private static void refused(List<Published> out, String signalId, String strategy, String symbol, RejectionStage stage, Instant at) {
        out.add(new Published(Topic.SIGNAL_GENERATED, signalId, generated(signalId, strategy, symbol, at, Map.of()), at));
        out.add(new Published(Topic.SIGNAL_REJECTED, signalId, rejected(signalId, strategy, stage, at), at));
    }

    public static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(IST).toInstant();
    }

    private static EventMetadata meta(String producer, Instant at, EventType type, String eventId, String signalId) {
        return new Envelope(producer, java.time.Clock.systemUTC()).metadataAt(at, type, eventId, signalId, null, Priority.NORMAL);
    }

    public static SignalGenerated generated(String signalId, String strategy, String symbol, Instant at, Map<String, Double> features) {
        return SignalGenerated.newBuilder().setMetadata(meta("signal-service", at, EventType.SIGNAL_GENERATED, "gen-" + signalId, signalId))
                .setSignalId(signalId).setClientSignalId(null).setStrategy(strategy).setSymbol(symbol).setAction(SignalAction.BUY)
                .setEntryPrice(Decimals.scaled(new BigDecimal("21500"))).setStopLoss(Decimals.scaled(new BigDecimal("21400")))
                .setTarget(Decimals.scaled(new BigDecimal("21700"))).setSignalStrength(Decimals.scaled(new BigDecimal("0.8")))
                .setExpectedMovePct(Decimals.scaled(new BigDecimal("0.9"))).setTimeframe("15m").setFeatures(features).build();
    }

    public static SignalRejected rejected(String signalId, String strategy, RejectionStage stage, Instant at) {
        return SignalRejected.newBuilder().setMetadata(meta("executor-service", at, EventType.SIGNAL_REJECTED, "rej-" + signalId, signalId))
                .setSignalId(signalId).setClientSignalId(null).setStrategy(strategy).setSymbol("NIFTY").setStage(stage)
                .setReasons(List.of(new RejectionReason("TEST", null, "refused in a test"))).build();
    }

    public static SignalActivated activated(String signalId, Instant at) {
        return SignalActivated.newBuilder().setMetadata(meta("executor-service", at, EventType.SIGNAL_ACTIVATED, "act-" + signalId, signalId))
                .setSignalId(signalId).setOrderId("ord-" + signalId).setSymbol("NIFTY").setInstrument("NIFTY25D0921500CE")
                .setAction(SignalAction.BUY).setPrice(Decimals.scaled(new BigDecimal("150"))).setQuantity(75).build();
    }

    /** The signal's end: completed on a win, stopped on a loss, as the position-service tells it. */
    public static SpecificRecord ended(String signalId, BigDecimal net, Instant at) {
        boolean win = net.signum() > 0;
        EventMetadata m = meta("position-service", at, win ? EventType.SIGNAL_COMPLETED : EventType.SIGNAL_STOPPED, "end-" + signalId, signalId);
        BigDecimal exit = Decimals.scaled(new BigDecimal("160"));
        BigDecimal pct = Decimals.scaled(BigDecimal.ONE);
        return win
                ? SignalCompleted.newBuilder().setMetadata(m).setSignalId(signalId).setExitPrice(exit).setProfitLoss(Decimals.scaled(net))
                        .setProfitLossPct(pct).setExitReason(ExitReason.TARGET).build()
                : SignalStopped.newBuilder().setMetadata(m).setSignalId(signalId).setExitPrice(exit).setProfitLoss(Decimals.scaled(net))
                        .setProfitLossPct(pct).setExitReason(ExitReason.STOP_LOSS).build();
    }

    /** A position closed at {@code exitAt} after {@code held}, net {@code net} after 50 of charges. */
    public static PositionClosed closed(String signalId, String strategy, String instrument, String net, Instant exitAt, Duration held) {
        BigDecimal netPnl = new BigDecimal(net);
        BigDecimal charges = new BigDecimal("50");
        return PositionClosed.newBuilder().setMetadata(meta("position-service", exitAt, EventType.POSITION_CLOSED, "closed-" + signalId, signalId))
                .setPositionId("pos-" + signalId).setSignalId(signalId).setStrategy(strategy).setInstrument(instrument).setQuantity(75)
                .setEntryPremium(Decimals.scaled(new BigDecimal("150"))).setExitPremium(Decimals.scaled(new BigDecimal("160")))
                .setGrossPnl(Decimals.scaled(netPnl.add(charges))).setCharges(Decimals.scaled(charges)).setNetPnl(Decimals.scaled(netPnl))
                .setExitReason(netPnl.signum() > 0 ? ExitReason.TARGET : ExitReason.STOP_LOSS).setHoldingMillis(held.toMillis())
                .setExitTime(exitAt).build();
    }

    /** A tick of an underlying (no option) at {@code price}, on the market's clock {@code at}. */
    public static MarketTick tick(String underlying, String price, Instant at) {
        return MarketTick.newBuilder().setMetadata(meta("market-feed", at, EventType.MARKET_TICK, "tick-" + underlying + "-" + at, underlying))
                .setInstrument(underlying).setUnderlying(underlying).setExchangeTime(at).setLastPrice(Decimals.scaled(new BigDecimal(price)))
                .build();
    }

    /** A position opened: {@code quantity} of {@code instrument} at {@code entry}, stop at 70 % of it. */
    public static PositionOpened opened(String signalId, String strategy, String instrument, int quantity, String entry, Instant at) {
        BigDecimal premium = Decimals.scaled(new BigDecimal(entry));
        return PositionOpened.newBuilder().setMetadata(meta("position-service", at, EventType.POSITION_OPENED, "opened-" + signalId, signalId))
                .setPositionId("pos-" + signalId).setSignalId(signalId).setStrategy(strategy).setUnderlying("NIFTY").setInstrument(instrument)
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.scaled(new BigDecimal("21500")))
                        .setExpiry(LocalDate.of(2025, 12, 9)).build())
                .setLots(quantity / 75).setLotSize(75).setQuantity(quantity).setEntryPremium(premium)
                .setExitRules(ExitRules.newBuilder().setStopLossPremium(Decimals.scaled(premium.multiply(new BigDecimal("0.7"))))
                        .setTargetPremium(Decimals.scaled(premium.multiply(new BigDecimal("1.45")))).build())
                .build();
    }

    /** A position marked to {@code premium}, its unrealised P&L {@code pnl}. */
    public static PositionUpdated marked(String signalId, int quantity, String premium, String pnl, String stop, Instant at) {
        return PositionUpdated.newBuilder()
                .setMetadata(meta("position-service", at, EventType.POSITION_UPDATED, "marked-" + signalId + "-" + at.toEpochMilli(), signalId))
                .setPositionId("pos-" + signalId).setSignalId(signalId).setCurrentPremium(Decimals.scaled(new BigDecimal(premium)))
                .setOpenQuantity(quantity).setUnrealizedPnl(Decimals.scaled(new BigDecimal(pnl)))
                .setStopLossPremium(Decimals.scaled(new BigDecimal(stop))).build();
    }
}
