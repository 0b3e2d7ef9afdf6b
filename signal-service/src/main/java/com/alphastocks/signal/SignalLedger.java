package com.alphastocks.signal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.RejectionReason;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalActivated;
import com.alphastocks.contracts.SignalCompleted;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.SignalStopped;
import com.alphastocks.contracts.SignalUpdated;
import com.alphastocks.contracts.StrategySignal;
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

    private static final String UPDATE_STATUS = "status";

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
        List<SignalValidator.Problem> problems = validator.check(SignalRequest.of(signal), now);
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
        EventMetadata meta = (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
        if (stored == null) {
            return Outcome.nothing(Verdict.UNKNOWN_SIGNAL);
        }
        if (stored.hasSeen(meta.getEventId())) {
            return Outcome.nothing(Verdict.ALREADY_SEEN);
        }
        SignalStatus target = targetStatus(event).orElse(stored.status());
        if (target != stored.status() && !stored.status().canBecome(target)) {
            return Outcome.nothing(Verdict.ILLEGAL_TRANSITION);
        }
        SignalView view = stored.with(target, meta.getOccurredAt(), new SignalView.TimelineEntry(meta.getEventId(),
                meta.getEventType().name(), meta.getOccurredAt(), meta.getProducer(), target.name(), detail(event)));
        if (event instanceof SignalActivated activated) {
            view = view.withOrder(activated.getOrderId());
        } else if (event instanceof SignalCompleted completed) {
            view = view.withExit(completed.getExitPrice(), completed.getProfitLoss(), completed.getProfitLossPct(),
                    completed.getExitReason().name());
        } else if (event instanceof SignalStopped stopped) {
            view = view.withExit(stopped.getExitPrice(), stopped.getProfitLoss(), stopped.getProfitLossPct(),
                    stopped.getExitReason().name());
        }
        return new Outcome(Verdict.APPLIED, view, List.of());
    }

    /** Expires a generated signal nobody acted on in time, with a signal.updated event saying so. */
    public Optional<Outcome> expireIfDue(SignalView view, Instant now) {
        if (view.status() != SignalStatus.GENERATED || view.generatedAt().plus(rules.expireAfter()).isAfter(now)) {
            return Optional.empty();
        }
        String reason = "not acted on within " + rules.expireAfter();
        SignalUpdated expired = SignalUpdated.newBuilder()
                .setMetadata(envelope.metadataAt(now, EventType.SIGNAL_UPDATED,
                        EventIds.derived(EventType.SIGNAL_UPDATED, view.signalId(), SignalStatus.EXPIRED.name()),
                        view.signalId(), view.decisionEventId(), Priority.LOW))
                .setSignalId(view.signalId())
                .setUpdates(Map.of(UPDATE_STATUS, SignalStatus.EXPIRED.name(), "reason", reason))
                .build();
        SignalView updated = view.with(SignalStatus.EXPIRED, now, new SignalView.TimelineEntry(
                expired.getMetadata().getEventId(), EventType.SIGNAL_UPDATED.name(), now, envelope.producer(),
                SignalStatus.EXPIRED.name(), reason));
        return Optional.of(new Outcome(Verdict.EXPIRED, updated, List.of(expired)));
    }

    /** The event this service published when it decided about the signal, rebuilt exactly (same id, same time). */
    SpecificRecord decisionEvent(SignalView v) {
        EventType type = v.problems().isEmpty() ? EventType.SIGNAL_GENERATED : EventType.SIGNAL_REJECTED;
        EventMetadata meta = envelope.metadataAt(v.generatedAt(), v.marketTime(), type, v.decisionEventId(), v.signalId(),
                v.sourceEventId(), Priority.valueOf(v.priority()));
        if (type == EventType.SIGNAL_REJECTED) {
            return SignalRejected.newBuilder()
                    .setMetadata(meta)
                    .setSignalId(v.signalId())
                    .setClientSignalId(v.clientSignalId())
                    .setStrategy(v.strategy())
                    .setSymbol(v.symbol())
                    .setStage(RejectionStage.VALIDATION)
                    .setReasons(v.problems().stream()
                            .map(p -> RejectionReason.newBuilder().setCode(p.code()).setField(p.field()).setMessage(p.message()).build())
                            .toList())
                    .build();
        }
        return SignalGenerated.newBuilder()
                .setMetadata(meta)
                .setSignalId(v.signalId())
                .setClientSignalId(v.clientSignalId())
                .setStrategy(v.strategy())
                .setSymbol(v.symbol())
                .setAction(SignalAction.valueOf(v.action()))
                .setEntryPrice(v.entryPrice())
                .setStopLoss(v.stopLoss())
                .setTarget(v.target())
                .setSignalStrength(v.signalStrength())
                .setExpectedMovePct(v.expectedMovePct())
                .setTimeframe(v.timeframe())
                .setFeatures(v.features())
                .build();
    }

    private static Optional<SignalStatus> targetStatus(SpecificRecord event) {
        if (event instanceof SignalActivated) {
            return Optional.of(SignalStatus.ACTIVATED);
        }
        if (event instanceof SignalCompleted) {
            return Optional.of(SignalStatus.COMPLETED);
        }
        if (event instanceof SignalStopped) {
            return Optional.of(SignalStatus.STOPPED);
        }
        if (event instanceof SignalRejected) {
            return Optional.of(SignalStatus.REJECTED);
        }
        if (event instanceof SignalUpdated updated && updated.getUpdates().containsKey(UPDATE_STATUS)) {
            try {
                return Optional.of(SignalStatus.valueOf(updated.getUpdates().get(UPDATE_STATUS)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String detail(SpecificRecord event) {
        if (event instanceof SignalActivated a) {
            return "order " + a.getOrderId() + ": " + a.getQuantity() + " x " + a.getInstrument() + " at " + a.getPrice().toPlainString();
        }
        if (event instanceof SignalCompleted c) {
            return c.getExitReason() + " exit at " + c.getExitPrice().toPlainString() + ", P&L " + c.getProfitLoss().toPlainString();
        }
        if (event instanceof SignalStopped s) {
            return s.getExitReason() + " exit at " + s.getExitPrice().toPlainString() + ", P&L " + s.getProfitLoss().toPlainString();
        }
        if (event instanceof SignalRejected r) {
            return r.getStage() + ": " + String.join("; ", r.getReasons().stream().map(RejectionReason::getMessage).toList());
        }
        if (event instanceof SignalUpdated u) {
            return u.getUpdates().toString();
        }
        return event.getSchema().getName();
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
