package com.alphastocks.executor.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.contracts.OrderCancelled;
import com.alphastocks.contracts.OrderFilled;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.executor.trading.Fixtures;
import com.alphastocks.executor.trading.Market;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.executor.trading.TradePlan;
import com.alphastocks.executor.trading.TradePlanner;
import com.alphastocks.executor.trading.Trend;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.streams.Envelope;

class TradeEventsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T04:00:00Z");
    /** A replayed day: the market's clock a year behind the desk's. */
    private static final Instant MARKET_TIME = Instant.parse("2025-12-03T04:00:00Z");
    private final TradeEvents events = new TradeEvents(new Envelope("executor-service", Clock.systemUTC()));
    private final SignalGenerated signal = Fixtures.buy("NIFTY", "7.5", "1.6");
    private final TradePlan.Entry entry = entry();

    @Test
    void shouldTellAFillAsOrderTradePositionAndActivationAllAboutTheSignal() {
        OrderResult fill = new OrderResult(entry.order().orderId(), OrderResult.Status.FILLED, 150, 150, new BigDecimal("189.10"), null);

        List<SpecificRecord> out = events.executed(signal, entry, fill, GatewayMode.PAPER, NOW);

        assertThat(out).extracting(e -> e.getSchema().getName())
                .containsExactly("OrderPlaced", "OrderFilled", "TradeExecuted", "PositionOpened", "SignalActivated");
        assertThat(out).extracting(TradeEventsTest::meta).allSatisfy(m -> {
            assertThat(m.getCorrelationId()).isEqualTo(signal.getSignalId());
            assertThat(m.getCausationId()).isEqualTo(signal.getMetadata().getEventId());
            assertThat(m.getProducer()).isEqualTo("executor-service");
            assertThat(m.getOccurredAt()).as("the desk's clock").isEqualTo(NOW);
            assertThat(m.getMarketTime()).as("the market's clock it was planned on").isEqualTo(MARKET_TIME);
        });
        PositionOpened opened = (PositionOpened) out.get(3);
        assertThat(opened.getQuantity()).isEqualTo(150);
        assertThat(opened.getLots()).isEqualTo(2);
        assertThat(opened.getEntryPremium()).isEqualByComparingTo("189.10");
        assertThat(opened.getExitRules().getStopLossPremium()).isEqualByComparingTo("132.35");
        assertThat(opened.getPositionId()).isEqualTo(TradeEvents.positionId(signal.getSignalId()));
        assertThat(events.executed(signal, entry, fill, GatewayMode.PAPER, NOW)).as("the same decision, the same events").isEqualTo(out);
    }

    @Test
    void shouldOpenAPartlyFilledPositionWithTheFilledQuantityAndCancelTheRest() {
        OrderResult partial = new OrderResult(entry.order().orderId(), OrderResult.Status.PARTIALLY_FILLED, 150, 75, new BigDecimal("189.10"), "rest cancelled");

        List<SpecificRecord> out = events.executed(signal, entry, partial, GatewayMode.LIVE, NOW);

        assertThat(out).extracting(e -> e.getSchema().getName())
                .containsExactly("OrderPlaced", "OrderFilled", "OrderCancelled", "TradeExecuted", "PositionOpened", "SignalActivated");
        assertThat(((OrderFilled) out.get(1)).getFilledQuantity()).isEqualTo(75);
        assertThat(((OrderCancelled) out.get(2)).getReason()).isEqualTo("75 of 150 not filled and cancelled: rest cancelled");
        assertThat(((PositionOpened) out.get(4)).getQuantity()).isEqualTo(75);
        assertThat(((PositionOpened) out.get(4)).getLots()).isEqualTo(1);
    }

    @Test
    void shouldEndARejectedOrderInASignalRejectionWithTheBrokersReason() {
        OrderResult rejected = new OrderResult(entry.order().orderId(), OrderResult.Status.REJECTED, 150, 0, null, "Insufficient funds");

        List<SpecificRecord> out = events.executed(signal, entry, rejected, GatewayMode.LIVE, NOW);

        assertThat(out).extracting(e -> e.getSchema().getName()).containsExactly("OrderPlaced", "OrderRejected", "SignalRejected");
        SignalRejected refusal = (SignalRejected) out.get(2);
        assertThat(refusal.getStage()).isEqualTo(RejectionStage.ORDER);
        assertThat(refusal.getReasons().get(0).getMessage()).isEqualTo("Insufficient funds");
    }

    @Test
    void shouldOnlyRecordThePlacementInLoggingOnlyMode() {
        OrderResult logged = new OrderResult(entry.order().orderId(), OrderResult.Status.LOGGED, 150, 0, null, "logging-only");

        assertThat(events.executed(signal, entry, logged, GatewayMode.LOGGING_ONLY, NOW)).extracting(e -> e.getSchema().getName())
                .containsExactly("OrderPlaced");
    }

    private TradePlan.Entry entry() {
        Fixtures.FakeMarket market = new Fixtures.FakeMarket();
        market.prices.put("NIFTY", new BigDecimal("21523"));
        market.trend = Trend.UP;
        market.time = MARKET_TIME;
        return (TradePlan.Entry) new TradePlanner(Fixtures.SETTINGS).plan(TradeEvents.signal(signal), market,
                RiskState.empty(Fixtures.TODAY), Fixtures.TODAY, null);
    }

    private static EventMetadata meta(SpecificRecord event) {
        return (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
    }
}
