package com.alphastocks.signal.trading;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a signal stands. GENERATED → ACTIVATED → COMPLETED | STOPPED, or GENERATED → REJECTED | EXPIRED.
 * An expired signal may still be activated or refused by the executor (it acted late): an order is a fact the
 * record must show. COMPLETED, STOPPED and REJECTED are final.
 */
public enum SignalStatus {
    GENERATED, ACTIVATED, COMPLETED, STOPPED, REJECTED, EXPIRED;

    public Set<SignalStatus> next() {
        return switch (this) {
            case GENERATED -> EnumSet.of(ACTIVATED, REJECTED, EXPIRED);
            case EXPIRED -> EnumSet.of(ACTIVATED, REJECTED);
            case ACTIVATED -> EnumSet.of(COMPLETED, STOPPED);
            case COMPLETED, STOPPED, REJECTED -> EnumSet.noneOf(SignalStatus.class);
        };
    }

    public boolean canBecome(SignalStatus status) {
        return next().contains(status);
    }
}
