package com.alphastocks.executor.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.TradingState;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.options.OptionType;

import com.alphastocks.executor.trading.Fixtures.FakeMarket;

/** {@link Fixtures}: Wednesday 3 Dec 2025, CONSERVATIVE mode, ₹5,00,000; NIFTY at 21523 and trending up. */
class TradePlannerTest {

    private static final LocalDate TODAY = Fixtures.TODAY;

    private final TradePlanner planner = new TradePlanner(Fixtures.SETTINGS);
    private final FakeMarket market = new FakeMarket();

    TradePlannerTest() {
        market.prices.put("NIFTY", new BigDecimal("21523"));
        market.prices.put("BANKNIFTY", new BigDecimal("48030"));
        market.trend = Trend.UP;
    }

    @Test
    void shouldBuyTheAtTheMoneyCallOfTheNextWeeklyExpiryAtTheModelPremium() {
        TradePlan plan = planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null);

        assertThat(plan).isInstanceOf(TradePlan.Entry.class);
        TradePlan.Entry entry = (TradePlan.Entry) plan;
        // Next Tuesday 9 Dec, 6 days: 21500 CE, delta 0.55, decay 8.3 %/day; model premium 188.95; stop 30 % lower at
        // 132.25, so 56.70 x 75 = 4252.50 at risk a lot and 10000 (2 %) buys 2 lots.
        assertThat(entry.order().instrument()).isEqualTo("NIFTY25D0921500CE");
        assertThat(entry.optionType()).isEqualTo(OptionType.CE);
        assertThat(entry.expiry()).isEqualTo(LocalDate.of(2025, 12, 9));
        assertThat(entry.plannedPremium()).isEqualByComparingTo("188.95");
        assertThat(entry.lots()).isEqualTo(2);
        assertThat(entry.order().quantity()).isEqualTo(150);
        assertThat(entry.exposure().risk()).isEqualByComparingTo("8505.00");
        assertThat(entry.order().orderId()).hasSize(20);
    }

    @Test
    void shouldTradeAtTheQuotedAskWhenTheFeedQuotesTheOption() {
        market.quotes.put("NIFTY25D0921500CE", new OptionQuote(d("190.10"), d("190.00"), d("190.20"), 5000, 120000, d("15.5")));

        TradePlan.Entry entry = (TradePlan.Entry) planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null);

        assertThat(entry.plannedPremium()).isEqualByComparingTo("190.20");
    }

    @Test
    void shouldWorkOutTheExitLevelsFromThePremiumPaid() {
        TradePlan.Entry entry = (TradePlan.Entry) planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null);

        var exits = entry.exitRules(new BigDecimal("189.10"));

        // 189.10 -30 % = 132.37 -> 132.35; +45 % = 274.195 -> 274.20; +70 % = 321.47 -> 321.45; trails after +25 % = 236.375 -> 236.40
        assertThat(exits.stopLossPremium()).isEqualByComparingTo("132.35");
        assertThat(exits.targetPremium()).isEqualByComparingTo("274.20");
        assertThat(exits.secondTargetPremium()).isEqualByComparingTo("321.45");
        assertThat(exits.partialExitFraction()).isEqualByComparingTo("0.6");
        assertThat(exits.trailingActivationPremium()).isEqualByComparingTo("236.40");
        assertThat(exits.trailingLockPct()).isEqualByComparingTo("50");
        assertThat(exits.trailingGapPoints()).isNull();
        assertThat(exits.maxHoldingMinutes()).isEqualTo(240);
        assertThat(exits.squareOffTime()).isEqualTo(LocalTime.of(15, 15));
    }

    @Test
    void shouldTrailByPointsInsteadOfAShareWhenTheModeSaysSo() {
        TradePlan.Entry entry = (TradePlan.Entry) planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null);
        TradePlan.Entry byPoints = new TradePlan.Entry(entry.order(), entry.underlying(), entry.optionType(), entry.strike(), entry.expiry(),
                entry.lots(), entry.lotSize(), entry.plannedPremium(), entry.exposure(),
                Overrides.apply(entry.rules(), java.util.Map.of("trail-points", "20"), "test"), entry.squareOffTime(), entry.marketTime());

        var exits = byPoints.exitRules(new BigDecimal("189.10"));

        // One way to trail: 20 points below the best premium once past +25 % (236.40), no share of the open profit.
        assertThat(exits.trailingGapPoints()).isEqualByComparingTo("20");
        assertThat(exits.trailingLockPct()).isNull();
        assertThat(exits.trailingActivationPremium()).isEqualByComparingTo("236.40");
    }

    @Test
    void shouldRefuseWithTheReasonOfTheFirstStageThatSaysNo() {
        assertThat(refusal(planner.plan(Fixtures.bullish("SENSEX", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null)))
                .isEqualTo("FILTER UNKNOWN_UNDERLYING: no options are configured for SENSEX");
        market.prices.remove("NIFTY");
        assertThat(refusal(planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null)))
                .isEqualTo("FILTER NO_MARKET_DATA: no price for NIFTY yet");
        market.prices.put("NIFTY", new BigDecimal("21523"));
        assertThat(refusal(planner.plan(Fixtures.bullish("NIFTY", "6", "1.6"), market, RiskState.empty(TODAY), TODAY, null)))
                .isEqualTo("FILTER WEAK_SIGNAL: signal strength 6 is below the mode's minimum of 7");
    }

    @Test
    void shouldRefuseAnOptionThatFailsTheChainFilters() {
        // BANKNIFTY is monthly: 30 Dec, 27 days; the 48000 put (delta -0.44) steps in to 48100, whose premium is far above 300.
        TradePlan plan = planner.plan(Fixtures.signalOf("BANKNIFTY", Signal.Action.SELL, "7.5", "1.6"), withTrend(Trend.DOWN), RiskState.empty(TODAY), TODAY, null);

        assertThat(refusal(plan)).startsWith("FILTER PREMIUM_OUT_OF_RANGE: BANKNIFTY25DEC48100PE premium ");
    }

    @Test
    void shouldRefuseWhenTheLimitsOrTheTradingStateSayNo() {
        RiskState full = RiskState.empty(TODAY);
        for (String id : new String[] {"a", "b", "c"}) {
            full = full.reserve(new RiskState.Exposure(id, "MACD", "NIFTY", new BigDecimal("8000")));
        }

        assertThat(refusal(planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, full, TODAY, null)))
                .isEqualTo("RISK MAX_OPEN_POSITIONS: 3 positions open, at most 3 allowed");
        Instant at = Instant.parse("2025-12-03T05:00:00Z");
        assertThat(refusal(planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY,
                new TradingStatus(TradingState.HALTED, "desk stopped trading", "ops", at).entryRefusal())))
                .isEqualTo("RISK KILL_SWITCH: new entries are stopped by the kill switch: desk stopped trading (set by ops)");
        assertThat(refusal(planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY,
                new TradingStatus(TradingState.REDUCING, null, "telegram:@desk", at).entryRefusal())))
                .isEqualTo("RISK TRADING_REDUCING: the desk is reducing, exits only: set by telegram:@desk");
        assertThat(TradingStatus.ACTIVE.entryRefusal()).isNull();
    }

    @Test
    void shouldRefuseAStrategysEntryOverItsRateOnTheMarketsClock() {
        var s = Fixtures.SETTINGS;
        var l = s.limits();
        RiskLimits oneAMinute = new RiskLimits(l.capital(), l.maxOpenPositions(), null, null, l.maxCapitalAtRiskPct(), l.dailyLossLimitPct(),
                l.maxConsecutiveLosses(), l.sizeFactorAfterLoss(), 1);
        TradePlanner capped = new TradePlanner(new TradePlanner.Settings(s.rules(), s.chain(), oneAMinute,
                s.maxLotsPerTrade(), s.underlyings(), s.calendar(), s.defaultImpliedVolatilityPct(), s.riskFreeRatePct(), s.squareOffTime()));
        market.time = TODAY.atTime(11, 0, 30).atZone(java.time.ZoneId.of("Asia/Kolkata")).toInstant();
        TradePlan.Entry first = (TradePlan.Entry) capped.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(TODAY), TODAY, null);
        RiskState afterFirst = RiskState.empty(TODAY).reserve(first.exposure(), first.marketTime(), oneAMinute);

        market.time = market.time.plusSeconds(45);
        assertThat(refusal(capped.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, afterFirst, TODAY, null)))
                .isEqualTo("RISK MAX_ENTRIES_PER_MINUTE: RSI entered 1 time in the last minute, at most 1 a minute allowed");
        market.time = market.time.plusSeconds(16);
        assertThat(capped.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, afterFirst, TODAY, null)).isInstanceOf(TradePlan.Entry.class);
    }

    @Test
    void shouldHalveTheSizeAfterALoss() {
        RiskState.Exposure lost = new RiskState.Exposure("x", "RSI", "NIFTY", BigDecimal.ONE);
        RiskState afterLoss = RiskState.empty(TODAY).reserve(lost).closed(lost, new BigDecimal("-2000"), TODAY);

        assertThat(((TradePlan.Entry) planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, afterLoss, TODAY, null)).lots()).isEqualTo(1);
    }

    /**
     * NSE/FAOP/70616: NIFTY's lot is 65 for contracts expiring from January 2026 on, 75 before. The lot is the
     * contract's, not the trading day's: on Wednesday 24 Dec the 30 Dec expiry (monthly) is bought in lots of 75; on
     * Monday 29 Dec it has a day left, so the next one, 6 Jan 2026, is bought, in lots of 65. Ask 190.20 both times:
     * stop 190.20 - 30 % = 133.14 -> 133.15, 57.05 a unit at risk; 75 x 57.05 = 4278.75 a lot, 10000 / 4278.75 = 2.3
     * -> 2 lots = 150; 65 x 57.05 = 3708.25 a lot, 2.7 -> 2 lots = 130.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "on {0}: {1}, lots of {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            # trading day | contract            | lot | lots | quantity | risk
            2025-12-24    | NIFTY25DEC21500CE   | 75  | 2    | 150      | 8557.50
            2025-12-29    | NIFTY2610621500CE   | 65  | 2    | 130      | 7416.50
            """)
    void shouldSizeByTheLotInForceForTheContractsExpiry(LocalDate day, String contract, int lotSize, int lots, int quantity, String risk) {
        var nifty = new com.alphastocks.options.Underlying("NIFTY", d("50"), 75, com.alphastocks.options.Underlying.ExpiryCycle.WEEKLY,
                java.time.DayOfWeek.TUESDAY, new java.util.TreeMap<>(Map.of(LocalDate.of(2026, 1, 1), 65)), new java.util.TreeMap<>());
        var s = Fixtures.SETTINGS;
        TradePlanner revised = new TradePlanner(new TradePlanner.Settings(s.rules(), s.chain(), s.limits(), s.maxLotsPerTrade(),
                Map.of("NIFTY", nifty), s.calendar(), s.defaultImpliedVolatilityPct(), s.riskFreeRatePct(), s.squareOffTime()));
        market.quotes.put(contract, new OptionQuote(d("190.10"), d("190.00"), d("190.20"), 5000, 120000, d("15.5")));

        TradePlan.Entry entry = (TradePlan.Entry) revised.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(day), day, null);

        assertThat(entry.order().instrument()).isEqualTo(contract);
        assertThat(entry.lotSize()).isEqualTo(lotSize);
        assertThat(entry.lots()).isEqualTo(lots);
        assertThat(entry.order().quantity()).isEqualTo(quantity);
        assertThat(entry.exposure().risk()).isEqualByComparingTo(risk);
    }

    @Test
    void shouldJudgeAStrategyByItsOwnRulesWhereItHasSome() {
        var s = Fixtures.SETTINGS;
        // A reversal strategy (REVERT) sells into a rising market; the mode trades with the trend only.
        ModeRules reversal = Overrides.apply(s.rules(), Map.of("trend-aligned", "false", "stop-loss-pct", "25"), "test");
        TradePlanner planner = new TradePlanner(new TradePlanner.Settings(s.rules(), s.chain(), s.limits(), s.maxLotsPerTrade(),
                s.underlyings(), s.calendar(), s.defaultImpliedVolatilityPct(), s.riskFreeRatePct(), s.squareOffTime(), Map.of("REVERT", reversal),
                s.session()));
        Signal byTheMode = Fixtures.signalOf("NIFTY", Signal.Action.SELL, "7.5", "1.6");
        Signal byItsOwn = Fixtures.signalOf("REVERT", "NIFTY", Signal.Action.SELL, "7.5", "1.6");

        assertThat(refusal(planner.plan(byTheMode, withTrend(Trend.UP), RiskState.empty(TODAY), TODAY, null)))
                .isEqualTo("FILTER AGAINST_TREND: a SELL needs the underlying trending DOWN, it is UP");
        TradePlan.Entry entry = (TradePlan.Entry) planner.plan(byItsOwn, withTrend(Trend.UP), RiskState.empty(TODAY), TODAY, null);
        // Its exits by its own rules too: 25 % below the premium paid.
        assertThat(entry.exitRules(new BigDecimal("100.00")).stopLossPremium()).isEqualByComparingTo("75.00");
    }

    /** The session on the market's clock (IST): 09:15 inclusive to 15:30 exclusive, trading days only (Fixtures: 3 Dec 2025, a Wednesday). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            # day      | market time | refusal, or none
            2025-12-03 | 09:14:59    | FILTER MARKET_CLOSED: the market is closed at 09:14:59 on Wed 3 Dec 2025 (session 09:15 to 15:30)
            2025-12-03 | 09:15       | none
            2025-12-03 | 15:29:59    | none
            2025-12-03 | 15:30       | FILTER MARKET_CLOSED: the market is closed at 15:30 on Wed 3 Dec 2025 (session 09:15 to 15:30)
            2025-12-03 | 18:00       | FILTER MARKET_CLOSED: the market is closed at 18:00 on Wed 3 Dec 2025 (session 09:15 to 15:30)
            2025-12-06 | 11:00       | FILTER MARKET_CLOSED: the market is closed on Sat 6 Dec 2025 (a weekend or an exchange holiday)
            2025-12-25 | 11:00       | FILTER MARKET_CLOSED: the market is closed on Thu 25 Dec 2025 (a weekend or an exchange holiday)
            """)
    void shouldTakeNoEntryOutsideTheSession(LocalDate day, LocalTime at, String refusal) {
        var s = Fixtures.SETTINGS;
        TradePlanner planner = new TradePlanner(new TradePlanner.Settings(s.rules(), s.chain(), s.limits(), s.maxLotsPerTrade(),
                s.underlyings(), new com.alphastocks.options.ExpiryCalendar(java.util.Set.of(LocalDate.of(2025, 12, 25))),
                s.defaultImpliedVolatilityPct(), s.riskFreeRatePct(), s.squareOffTime()));
        market.time = day.atTime(at).atZone(java.time.ZoneId.of("Asia/Kolkata")).toInstant();

        TradePlan plan = planner.plan(Fixtures.bullish("NIFTY", "7.5", "1.6"), market, RiskState.empty(day), day, null);

        assertThat(plan instanceof TradePlan.Refused ? refusal(plan) : "none").isEqualTo(refusal);
    }

    private FakeMarket withTrend(Trend trend) {
        market.trend = trend;
        return market;
    }

    private static String refusal(TradePlan plan) {
        TradePlan.Refused refused = (TradePlan.Refused) plan;
        return refused.stage() + " " + refused.reasons().get(0).code() + ": " + refused.reasons().get(0).message();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
