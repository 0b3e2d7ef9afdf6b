package com.alphastocks.signal.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.contracts.SignalUpdated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.signal.SignalSamples;
import com.alphastocks.signal.TestRules;
import com.alphastocks.signal.ledger.SignalLedger.Verdict;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

import static org.assertj.core.api.Assertions.assertThat;

class SignalLedgerTest {

    private static final Instant NOW = Instant.now();
    private static final Envelope EXECUTOR = new Envelope("executor-service", Clock.systemUTC());
    private final SignalLedger ledger = new SignalLedger(new SignalValidator(TestRules.DEFAULTS), TestRules.DEFAULTS,
            new Envelope("signal-service", Clock.systemUTC()));

    @Test
    void shouldGenerateAGoodSignalOnceAndAnswerARetryWithNothing() {
        StrategySignal signal = SignalSamples.niftyBuy("rsi-1", NOW);

        SignalLedger.Outcome first = ledger.receive(signal, null, NOW);
        SignalLedger.Outcome retry = ledger.receive(SignalSamples.resent(signal), first.view(), NOW.plusSeconds(5));

        assertThat(first.verdict()).isEqualTo(Verdict.GENERATED);
        assertThat(first.view().status()).isEqualTo(SignalStatus.GENERATED);
        SignalGenerated generated = (SignalGenerated) first.publish().get(0);
        assertThat(generated.getSignalId()).isEqualTo(first.view().signalId());
        assertThat(generated.getMetadata().getCorrelationId()).isEqualTo(generated.getSignalId());
        assertThat(generated.getMetadata().getCausationId()).isEqualTo(signal.getMetadata().getEventId());
        assertThat(retry.verdict()).isEqualTo(Verdict.RETRY);
        assertThat(retry.publish()).isEmpty();
        assertThat(retry.view()).isNull();
    }

    @Test
    void shouldRepublishTheSameEventWhenTheSameStrategyEventComesAgain() {
        StrategySignal signal = SignalSamples.niftyBuy("rsi-2", NOW);
        SignalLedger.Outcome first = ledger.receive(signal, null, NOW);

        SignalLedger.Outcome redelivered = ledger.receive(signal, first.view(), NOW.plusSeconds(30));

        assertThat(redelivered.verdict()).isEqualTo(Verdict.REDELIVERED);
        assertThat(redelivered.publish()).containsExactlyElementsOf(first.publish());
    }

    @Test
    void shouldCarryTheStrategysMarketTimeOntoTheSignalItsRepublishedEventAndItsView() {
        StrategySignal replayed = SignalSamples.niftyBuy("rsi-replay", NOW);
        java.time.Instant candleClosed = NOW.minus(java.time.Duration.ofDays(366)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        replayed.getMetadata().setMarketTime(candleClosed);

        SignalLedger.Outcome first = ledger.receive(replayed, null, NOW);
        SignalLedger.Outcome redelivered = ledger.receive(replayed, first.view(), NOW.plusSeconds(30));

        SignalGenerated generated = (SignalGenerated) first.publish().get(0);
        assertThat(generated.getMetadata().getMarketTime()).isEqualTo(candleClosed);
        assertThat(generated.getMetadata().getOccurredAt()).as("the service's own clock").isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(first.view().marketTime()).isEqualTo(candleClosed);
        assertThat(redelivered.publish()).as("rebuilt from the view, market time and all").containsExactlyElementsOf(first.publish());
    }

    @Test
    void shouldRejectAnInvalidSignalWithEveryReasonAndLetAFixedResendThrough() {
        StrategySignal bad = SignalSamples.niftyBuy("rsi-3", NOW);
        bad.setStopLoss(Decimals.of("21600"));

        SignalLedger.Outcome refused = ledger.receive(bad, null, NOW);
        StrategySignal fixed = SignalSamples.resent(bad);
        fixed.setStopLoss(Decimals.of("21350"));
        SignalLedger.Outcome accepted = ledger.receive(fixed, refused.view(), NOW.plusSeconds(1));

        assertThat(refused.verdict()).isEqualTo(Verdict.REJECTED);
        SignalRejected rejected = (SignalRejected) refused.publish().get(0);
        assertThat(rejected.getReasons()).singleElement().satisfies(r -> {
            assertThat(r.getCode()).isEqualTo("STOP_LOSS_WRONG_SIDE");
            assertThat(r.getField()).isEqualTo("stopLoss");
        });
        assertThat(accepted.verdict()).isEqualTo(Verdict.GENERATED);
        assertThat(accepted.view().signalId()).isEqualTo(refused.view().signalId());
        assertThat(accepted.view().timeline()).extracting(SignalView.TimelineEntry::eventType)
                .containsExactly("SIGNAL_REJECTED", "SIGNAL_GENERATED");
    }

    @Test
    void shouldFollowASignalFromGeneratedThroughActivatedToCompleted() {
        SignalView generated = ledger.receive(SignalSamples.niftyBuy("rsi-4", NOW), null, NOW).view();

        SignalView activated = ledger.follow(activated(generated.signalId()), generated).view();
        SignalLedger.Outcome completed = ledger.follow(completed(generated.signalId()), activated);

        assertThat(activated.status()).isEqualTo(SignalStatus.ACTIVATED);
        assertThat(activated.orderId()).isEqualTo("ORD-" + generated.signalId());
        assertThat(completed.verdict()).isEqualTo(Verdict.APPLIED);
        assertThat(completed.view().status()).isEqualTo(SignalStatus.COMPLETED);
        assertThat(completed.view().profitLoss()).isEqualByComparingTo("1725.50");
        assertThat(completed.view().exitReason()).isEqualTo("TARGET");
        assertThat(completed.view().timeline()).extracting(SignalView.TimelineEntry::status)
                .containsExactly("GENERATED", "ACTIVATED", "COMPLETED");
    }

    @Test
    void shouldCountButNotApplyAnIllegalTransition() {
        SignalView generated = ledger.receive(SignalSamples.niftyBuy("rsi-5", NOW), null, NOW).view();

        SignalLedger.Outcome stoppedBeforeActivation = ledger.follow(stopped(generated.signalId()), generated);

        assertThat(stoppedBeforeActivation.verdict()).isEqualTo(Verdict.ILLEGAL_TRANSITION);
        assertThat(stoppedBeforeActivation.view()).isNull();
    }

    @Test
    void shouldIgnoreAnEventItHasAlreadyApplied() {
        SignalView generated = ledger.receive(SignalSamples.niftyBuy("rsi-6", NOW), null, NOW).view();
        SignalActivated activation = activated(generated.signalId());
        SignalView activated = ledger.follow(activation, generated).view();

        assertThat(ledger.follow(activation, activated).verdict()).isEqualTo(Verdict.ALREADY_SEEN);
    }

    @Test
    void shouldExpireAGeneratedSignalNobodyActedOnAndStillRecordALateActivation() {
        SignalView generated = ledger.receive(SignalSamples.niftyBuy("rsi-7", NOW), null, NOW).view();

        assertThat(ledger.expireIfDue(generated, NOW.plus(Duration.ofMinutes(14)))).isEmpty();
        SignalLedger.Outcome expired = ledger.expireIfDue(generated, NOW.plus(Duration.ofMinutes(15))).orElseThrow();
        SignalView late = ledger.follow(activated(generated.signalId()), expired.view()).view();

        assertThat(expired.view().status()).isEqualTo(SignalStatus.EXPIRED);
        SignalUpdated update = (SignalUpdated) expired.publish().get(0);
        assertThat(update.getUpdates()).containsEntry("status", "EXPIRED").containsEntry("reason", "not acted on within PT15M");
        assertThat(ledger.follow(update, expired.view()).verdict()).as("its own update, read back").isEqualTo(Verdict.ALREADY_SEEN);
        assertThat(late.status()).isEqualTo(SignalStatus.ACTIVATED);
        assertThat(ledger.expireIfDue(late, NOW.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void shouldRecordARefusalByTheExecutor() {
        SignalView generated = ledger.receive(SignalSamples.niftyBuy("rsi-8", NOW), null, NOW).view();
        SignalRejected refusal = SignalRejected.newBuilder()
                .setMetadata(EXECUTOR.metadata(EventType.SIGNAL_REJECTED, EventIds.random(), generated.signalId(), null, Priority.NORMAL))
                .setSignalId(generated.signalId()).setStrategy("RSI").setSymbol("NIFTY")
                .setStage(com.alphastocks.contracts.RejectionStage.RISK)
                .setReasons(java.util.List.of(com.alphastocks.contracts.RejectionReason.newBuilder()
                        .setCode("MAX_OPEN_POSITIONS").setMessage("3 positions open, at most 3 allowed").build()))
                .build();

        SignalView refused = ledger.follow(refusal, generated).view();

        assertThat(refused.status()).isEqualTo(SignalStatus.REJECTED);
        assertThat(refused.timeline().get(1).detail()).isEqualTo("RISK: 3 positions open, at most 3 allowed");
    }

    private static SignalActivated activated(String signalId) {
        return SignalActivated.newBuilder()
                .setMetadata(EXECUTOR.metadata(EventType.SIGNAL_ACTIVATED, EventIds.random(), signalId, null, Priority.HIGH))
                .setSignalId(signalId).setOrderId("ORD-" + signalId).setSymbol("NIFTY").setInstrument("NIFTY25DEC21500CE")
                .setAction(SignalAction.BUY).setPrice(Decimals.of("152.35")).setQuantity(75).build();
    }

    private static SignalCompleted completed(String signalId) {
        return SignalCompleted.newBuilder()
                .setMetadata(EXECUTOR.metadata(EventType.SIGNAL_COMPLETED, EventIds.random(), signalId, null, Priority.CRITICAL))
                .setSignalId(signalId).setExitPrice(Decimals.of("175.36")).setProfitLoss(Decimals.of("1725.50"))
                .setProfitLossPct(Decimals.of("15.10")).setExitReason(ExitReason.TARGET).build();
    }

    private static SignalStopped stopped(String signalId) {
        return SignalStopped.newBuilder()
                .setMetadata(EXECUTOR.metadata(EventType.SIGNAL_STOPPED, EventIds.random(), signalId, null, Priority.CRITICAL))
                .setSignalId(signalId).setExitPrice(Decimals.of("106.65")).setProfitLoss(Decimals.of("-3427.50"))
                .setProfitLossPct(Decimals.of("-30")).setExitReason(ExitReason.STOP_LOSS).build();
    }
}
