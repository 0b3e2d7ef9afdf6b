package com.alphastocks.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


/** The live adapter against a local stub of a Kite-Connect-style broker. */
class LiveGatewayTest {

    private final StubKiteBroker broker = stub();
    private final LiveGateway live = new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "secret-token", "NFO", "MIS",
            Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(1), 5, Duration.ofSeconds(30), 10));
    private final OrderRequest buy = new OrderRequest(OrderIds.entry("sig-1"), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 150, null);

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void shouldPlaceAMarketOrderTaggedWithOurIdAndReportTheFill() {
        OrderResult result = live.place(buy);

        assertThat(result.status()).isEqualTo(OrderResult.Status.FILLED);
        assertThat(result.filledQuantity()).isEqualTo(150);
        assertThat(result.averagePrice()).isEqualByComparingTo("152.35");
        assertThat(live.find(buy.orderId())).contains(result);
        assertThat(broker.authorizations).allMatch("token key:secret-token"::equals);
    }

    @Test
    void shouldKeepToTheBrokersOrderRateByQueueingNotRefusing() {
        broker.placementsPerSecond = 10;
        LiveGateway paced = gateway(8);
        // Three times the rate at once, as a burst of signals would ask: every order placed, none over 10 in a second.
        for (int i = 0; i < 30; i++) {
            OrderResult result = paced.place(new OrderRequest(OrderIds.entry("burst-" + i), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 75, null));
            assertThat(result.status()).as("order %d", i).isEqualTo(OrderResult.Status.FILLED);
        }
        assertThat(broker.placements).hasValue(30);
        assertThat(broker.throttled).as("the gateway kept to the rate itself").hasValue(0);
        List<Long> at = List.copyOf(broker.placedAt);
        for (int i = 10; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 10)).as("placements %d and %d a second apart", i - 10, i).isGreaterThanOrEqualTo(1_000_000_000L);
        }
    }

    @Test
    void shouldSendAgainAnOrderTheBrokerAnsweredTooManyRequests() {
        // Another process on the same account used the second up: the broker answers 429 (not placed) until it frees.
        broker.placementsPerSecond = 1;
        LiveGateway other = gateway(Duration.ofSeconds(2), 5, Duration.ofSeconds(30));
        other.place(new OrderRequest(OrderIds.entry("other"), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 75, null));

        OrderResult result = live.place(buy);

        assertThat(result.status()).isEqualTo(OrderResult.Status.FILLED);
        assertThat(broker.throttled.get()).as("answered 429 at least once first").isPositive();
        assertThat(broker.placements).hasValue(2);
    }

    @Test
    void shouldCancelAnOrderStillOpenAfterTheFillTimeoutAndSaySo() {
        broker.staysOpen = true;
        OrderResult nothing = live.place(buy);
        assertThat(nothing).extracting(OrderResult::status, OrderResult::filledQuantity, OrderResult::reason)
                .containsExactly(OrderResult.Status.CANCELLED, 0, "not filled within 1 s: cancelled at the broker");
        assertThat(live.find(buy.orderId()).orElseThrow().status()).as("the broker's book agrees").isEqualTo(OrderResult.Status.CANCELLED);

        broker.fillOnly = 75;
        OrderResult part = live.place(new OrderRequest(OrderIds.entry("sig-2"), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 150, null));
        assertThat(part).extracting(OrderResult::status, OrderResult::filledQuantity, OrderResult::reason)
                .containsExactly(OrderResult.Status.PARTIALLY_FILLED, 75, "not filled within 1 s: cancelled at the broker with 75 of 150 filled");
        assertThat(part.averagePrice()).isEqualByComparingTo("152.35");
    }

    @Test
    void shouldLeaveAnOrderOpenWithTheReasonWhenItCannotBeCancelled() {
        broker.staysOpen = true;
        broker.refuseCancel = "Order cannot be cancelled: market closed";

        OrderResult open = live.place(buy);

        assertThat(open.status()).isEqualTo(OrderResult.Status.OPEN);
        assertThat(open.reason()).isEqualTo("not filled within 1 s; the cancel was refused (Order cannot be cancelled: market closed) but "
                + "the order is still open");
        assertThat(broker.placements).hasValue(1);
    }

    @Test
    void shouldNeverPlaceTheSameOrderIdTwice() {
        live.place(buy);
        live.place(buy);

        assertThat(broker.placements).hasValue(1);
    }

    @Test
    void shouldAdoptAnOrderTheBrokerHasFromBeforeACrashInsteadOfPlacingIt() {
        broker.preload(buy.orderId(), "COMPLETE", 150, 150, "151.90");

        OrderResult result = live.place(buy);

        assertThat(broker.placements).hasValue(0);
        assertThat(result.averagePrice()).isEqualByComparingTo("151.90");
    }

    @Test
    void shouldLookBeforeCallingAnOrderLostWhenTheAnswerNeverCame() {
        broker.hangUpAfterPlacing = true;

        OrderResult result = live.place(buy);

        assertThat(broker.placements).as("the retry found the order instead of placing it again").hasValue(1);
        assertThat(result.status()).isEqualTo(OrderResult.Status.FILLED);
    }

    @Test
    void shouldReportTheBrokersRejectionAndAPartialFill() {
        broker.rejectWith = "Insufficient funds";
        assertThat(live.place(buy)).extracting(OrderResult::status, OrderResult::reason)
                .containsExactly(OrderResult.Status.REJECTED, "Insufficient funds");

        broker.rejectWith = null;
        broker.fillOnly = 75;
        OrderResult partial = live.place(new OrderRequest(OrderIds.entry("sig-2"), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 150, null));
        assertThat(partial.status()).isEqualTo(OrderResult.Status.PARTIALLY_FILLED);
        assertThat(partial.filledQuantity()).isEqualTo(75);
    }

    @Test
    void shouldRetryABusyBrokerAndRejectWhenItStaysDown() {
        broker.failNext.set(2);
        assertThat(live.place(buy).status()).as("two 503s, then success").isEqualTo(OrderResult.Status.FILLED);

        broker.failNext.set(100);
        OrderResult down = live.place(new OrderRequest(OrderIds.entry("sig-3"), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 75, null));
        assertThat(down.status()).isEqualTo(OrderResult.Status.REJECTED);
        assertThat(down.reason()).startsWith("broker unreachable, order not placed: HTTP 503 after 3 attempts");
    }

    @Test
    void shouldFindAndAdoptAnOrderASlowBrokerTookAfterThePlacementTimedOut() {
        LiveGateway patient = gateway(Duration.ofSeconds(1), 5, Duration.ofSeconds(30));
        broker.placementDelayMillis = 1_500;

        OrderResult result = patient.place(buy);

        assertThat(broker.placements).as("the timed-out placement is found in the order book, not placed again").hasValue(1);
        assertThat(result.status()).isEqualTo(OrderResult.Status.FILLED);
    }

    @Test
    void shouldSayAnUnansweredOrderMayHaveReachedTheBrokerWhenItCannotLook() {
        broker.hangUpAfterPlacing = true;
        broker.downAfterPlacing = true;

        OrderResult result = live.place(buy);

        assertThat(result.status()).isEqualTo(OrderResult.Status.REJECTED);
        assertThat(result.reason()).startsWith("broker unreachable, order " + buy.orderId() + " may have reached it")
                .contains("reconcile by its tag");
        assertThat(broker.placements).hasValue(1);
    }

    @Test
    void shouldOpenTheCircuitAfterFailuresInARowRefuseAtOnceWhileOpenAndCloseItWhenTheBrokerAnswersAgain() throws Exception {
        LiveGateway guarded = gateway(Duration.ofSeconds(2), 3, Duration.ofMillis(300));
        broker.failNext.set(Integer.MAX_VALUE);

        OrderResult first = guarded.place(buy);
        int callsWhenItOpened = broker.authorizations.size();
        OrderResult whileOpen = guarded.place(new OrderRequest(OrderIds.entry("sig-4"), "NIFTY25D0921500CE", OrderRequest.Side.BUY, 75, null));

        assertThat(first.reason()).isEqualTo("broker unreachable, order not placed: HTTP 503 after 3 attempts");
        assertThat(callsWhenItOpened).isEqualTo(3);
        assertThat(whileOpen.status()).isEqualTo(OrderResult.Status.REJECTED);
        assertThat(whileOpen.reason()).startsWith("broker unreachable, order not placed: CircuitBreaker 'live-broker' is OPEN");
        assertThat(broker.authorizations).as("no call while the circuit is open").hasSize(callsWhenItOpened);

        broker.failNext.set(0);
        Thread.sleep(400);
        assertThat(guarded.place(buy).status()).as("one call tries again after 300 ms; it succeeds and closes the circuit")
                .isEqualTo(OrderResult.Status.FILLED);
        assertThat(broker.placements).hasValue(1);
    }

    @Test
    void shouldRestAStopAtTheBrokerMoveItAndSayWhenItSold() {
        String stop = OrderIds.restingStop("pos-1", 0);
        RestingStops stops = live.restingStops().orElseThrow();

        OrderResult resting = stops.rest(stop, "NIFTY25D0921500CE", 150, new BigDecimal("120"));
        assertThat(resting.status()).isEqualTo(OrderResult.Status.OPEN);
        assertThat(stops.rest(stop, "NIFTY25D0921500CE", 150, new BigDecimal("120")).status()).as("the same stop again: adopted")
                .isEqualTo(OrderResult.Status.OPEN);
        assertThat(broker.placements).hasValue(1);
        assertThat(broker.stops("NIFTY25D0921500CE")).containsExactly("TRIGGER PENDING 150 @ 120");

        // The trailing stop tightens: the broker's trigger follows.
        assertThat(stops.move(stop, new BigDecimal("130.5")).status()).isEqualTo(OrderResult.Status.OPEN);
        assertThat(broker.stops("NIFTY25D0921500CE")).containsExactly("TRIGGER PENDING 150 @ 130.5");
        broker.trade("NIFTY25D0921500CE", "131");
        assertThat(stops.state(stop).status()).isEqualTo(OrderResult.Status.OPEN);

        // The market falls through it while nobody watches: the broker sells.
        broker.trade("NIFTY25D0921500CE", "129.50");
        OrderResult sold = stops.state(stop);
        assertThat(sold).extracting(OrderResult::status, OrderResult::filledQuantity).containsExactly(OrderResult.Status.FILLED, 150);
        assertThat(sold.averagePrice()).isEqualByComparingTo("129.50");
        // A move or a cancel after that answers the sale, and changes nothing at the broker.
        assertThat(stops.move(stop, new BigDecimal("135")).status()).isEqualTo(OrderResult.Status.FILLED);
        assertThat(stops.cancel(stop).status()).isEqualTo(OrderResult.Status.FILLED);
        assertThat(broker.modifications).hasValue(1);
        assertThat(broker.cancels).hasValue(0);
        assertThat(broker.sold("NIFTY25D0921500CE")).isEqualTo(150);
    }

    @Test
    void shouldCancelARestingStopOnceAndSayHowItEnded() {
        String stop = OrderIds.restingStop("pos-2", 0);
        live.restingStops().orElseThrow().rest(stop, "NIFTY25D0921500CE", 75, new BigDecimal("120"));

        assertThat(live.restingStops().orElseThrow().cancel(stop).status()).isEqualTo(OrderResult.Status.CANCELLED);
        assertThat(live.restingStops().orElseThrow().cancel(stop).status()).as("cancelled again: how it ended").isEqualTo(OrderResult.Status.CANCELLED);
        assertThat(broker.cancels).hasValue(1);
        broker.trade("NIFTY25D0921500CE", "100");
        assertThat(broker.sold("NIFTY25D0921500CE")).isZero();

        // A gap through the limit: triggered, nothing sold; cancelled, it sold nothing.
        String gapped = OrderIds.restingStop("pos-3", 0);
        live.restingStops().orElseThrow().rest(gapped, "NIFTY25D0921500CE", 75, new BigDecimal("120"));
        broker.trade("NIFTY25D0921500CE", "100");
        assertThat(live.restingStops().orElseThrow().state(gapped).status()).isEqualTo(OrderResult.Status.OPEN);
        assertThat(live.restingStops().orElseThrow().cancel(gapped)).extracting(OrderResult::status, OrderResult::filledQuantity)
                .containsExactly(OrderResult.Status.CANCELLED, 0);
    }

    @Test
    void shouldSetAStopsLimitBelowItsTriggerOnTheTick() {
        assertThat(((LiveRestingStops) live.restingStops().orElseThrow()).stopLimit(new BigDecimal("120"))).isEqualByComparingTo("114.00");
        assertThat(((LiveRestingStops) live.restingStops().orElseThrow()).stopLimit(new BigDecimal("152.35"))).isEqualByComparingTo("144.70");
        assertThat(((LiveRestingStops) live.restingStops().orElseThrow()).stopLimit(new BigDecimal("0.10"))).isEqualByComparingTo("0.05");
    }

    private LiveGateway gateway(double ordersPerSecond) {
        return new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "secret-token", "NFO", "MIS", Duration.ofSeconds(2), 2,
                Duration.ofMillis(10), Duration.ofSeconds(1), 5, Duration.ofSeconds(30), ordersPerSecond));
    }

    private LiveGateway gateway(Duration timeout, int failuresToOpen, Duration openFor) {
        return new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "secret-token", "NFO", "MIS", timeout, 2,
                Duration.ofMillis(10), Duration.ofSeconds(1), failuresToOpen, openFor, 10));
    }

    private static StubKiteBroker stub() {
        try {
            return new StubKiteBroker();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
