package com.alphastocks.streams;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.StrategySignal;

/**
 * The one rule that names a signal. The same strategy signal always gets the same id: from the strategy's own id
 * when it gives one (a resend is a retry of the same signal), otherwise from the event that carried it (a
 * redelivery is the same event). Strategies (the SDK) and the signal-service both use it.
 */
public final class SignalIds {

    private SignalIds() {
    }

    public static String of(StrategySignal signal) {
        return of(signal.getStrategy(), signal.getClientSignalId(), signal.getMetadata().getEventId());
    }

    /** @param clientSignalId the strategy's own id, or null; then the id of the event carrying the signal counts */
    public static String of(String strategy, String clientSignalId, String eventId) {
        return clientSignalId != null
                ? EventIds.derived(EventType.STRATEGY_SIGNAL, strategy, clientSignalId)
                : EventIds.derived(EventType.STRATEGY_SIGNAL, eventId);
    }
}
