package com.alphastocks.signal.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalUpdated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.signal.SignalRules;
import com.alphastocks.signal.trading.SignalChange;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.signal.wire.SignalEvents;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.SignalIds;

/**
 * The signal-service's decisions, in plain Java: what a strategy signal or a lifecycle event does to the stored
 * signal, and what gets published. The caller stores {@link Outcome#view()} (when not null) and publishes
 * {@link Outcome#publish()} keyed by signal id.
 */
public final class SignalLedger {

    /** What happened, for metrics and logs. */
    public enum Verdict {
        GENERATED, REJECTED,
        /** The strategy resent a signal it had sent before: same signal, nothing new published. */
        RETRY,
        /** The same strategy event came again (redelivery after a crash): the same decision is published again. */
        REDELIVERED,
        APPLIED, ALREADY_SEEN, ILLEGAL_TRANSITION, UNKNOWN_SIGNAL, EXPIRED
    }

    public record Outcome(Verdict verdict, SignalView view, List<SpecificRecord> publish) {
        static Outcome nothing(Verdict verdict) {
            return new Outcome(verdict, null, List.of());
        }
    }

    private final SignalValidator validator;
    private final SignalRules rules;
    private final Envelope envelope;

    public SignalLedger(SignalValidator validator, SignalRules rules, Envelope envelope) {
        this.validator = validator;
        this.rules = rules;
        this.envelope = envelope;
    }

    public Outcome receive(StrategySignal signal, SignalView stored, Instant now) {
        String sourceEventId = signal.getMetadata().getEventId();
        if (stored != null && stored.sourceEventId().equals(sourceEventId)) {
            return new Outcome(Verdict.REDELIVERED, null, List.of(decisionEvent(stored)));
        }
        boolean refusedBefore = stored != null && !stored.problems().isEmpty() && stored.status() == SignalStatus.REJECTED;
        if (stored != null && !refusedBefore) {
            return Outcome.nothing(Verdict.RETRY);
        }
        List<SignalValidator.Problem> problems = validator.check(SignalEvents.request(signal), now);
        SignalStatus status = problems.isEmpty() ? SignalStatus.GENERATED : SignalStatus.REJECTED;
        EventType decision = problems.isEmpty() ? EventType.SIGNAL_GENERATED : EventType.SIGNAL_REJECTED;
        String signalId = SignalIds.of(signal);
        String decisionEventId = EventIds.derived(decision, signalId, sourceEventId);
        Priority priority = signal.getUrgent() ? Priority.HIGH : Priority.NORMAL;
        SignalView.TimelineEntry entry = new SignalView.TimelineEntry(decisionEventId, decision.name(), now,
                envelope.producer(), status.name(), problems.isEmpty() ? describe(signal) : reasons(problems));
        List<SignalView.TimelineEntry> timeline = stored == null ? List.of(entry)
                : concat(stored.timeline(), entry);
        SignalView view = new SignalView(signalId, signal.getClientSignalId(), signal.getStrategy(), signal.getSymbol(),
                signal.getAction().name(), signal.getEntryPrice(), signal.getStopLoss(), signal.getTarget(),
                signal.getSignalStrength(), signal.getExpectedMovePct(), signal.getTimeframe(), Map.copyOf(signal.getFeatures()),
                priority.name(), status, now, signal.getMetadata().getMarketTime(), now, sourceEventId, decisionEventId,
                null, null, null, null, null, List.copyOf(problems), timeline);
        return new Outcome(problems.isEmpty() ? Verdict.GENERATED : Verdict.REJECTED, view, List.of(decisionEvent(view)));
    }

    /** A lifecycle event from another service (activation, update, completion, stop, refusal). */
    public Outcome follow(SpecificRecord event, SignalView stored) {
        if (stored == null) {
            return Outcome.nothing(Verdict.UNKNOWN_SIGNAL);
        }
        SignalChange change = SignalEvents.change(event);
        if (stored.hasSeen(change.eventId())) {
            return Outcome.nothing(Verdict.ALREADY_SEEN);
        }
        SignalStatus target = change.status().orElse(stored.status());
        if (target != stored.status() && !stored.status().canBecome(target)) {
            return Outcome.nothing(Verdict.ILLEGAL_TRANSITION);
        }
        return new Outcome(Verdict.APPLIED, change.applyTo(stored, target), List.of());
    }

    /** Expires a generated signal nobody acted on in time, with a signal.updated event saying so. */
    public Optional<Outcome> expireIfDue(SignalView view, Instant now) {
        if (view.status() != SignalStatus.GENERATED || view.generatedAt().plus(rules.expireAfter()).isAfter(now)) {
            return Optional.empty();
        }
        String reason = "not acted on within " + rules.expireAfter();
        SignalUpdated expired = SignalEvents.expired(view, now, reason, envelope);
        SignalView updated = view.with(SignalStatus.EXPIRED, now, new SignalView.TimelineEntry(
                expired.getMetadata().getEventId(), EventType.SIGNAL_UPDATED.name(), now, envelope.producer(),
                SignalStatus.EXPIRED.name(), reason));
        return Optional.of(new Outcome(Verdict.EXPIRED, updated, List.of(expired)));
    }

    /** The event this service published when it decided about the signal, rebuilt exactly (same id, same time). */
    SpecificRecord decisionEvent(SignalView v) {
        return SignalEvents.decision(v, envelope);
    }

    private static String describe(StrategySignal s) {
        return s.getAction() + " " + s.getSymbol() + " entry " + s.getEntryPrice().toPlainString() + ", stop "
                + s.getStopLoss().toPlainString() + ", target " + s.getTarget().toPlainString() + ", strength "
                + s.getSignalStrength().toPlainString();
    }

    private static String reasons(List<SignalValidator.Problem> problems) {
        return String.join("; ", problems.stream().map(SignalValidator.Problem::message).toList());
    }

    private static <T> List<T> concat(List<T> list, T item) {
        List<T> longer = new java.util.ArrayList<>(list);
        longer.add(item);
        return List.copyOf(longer);
    }
}
