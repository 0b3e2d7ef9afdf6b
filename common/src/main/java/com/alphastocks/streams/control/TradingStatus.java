package com.alphastocks.streams.control;

import java.time.Instant;

import com.alphastocks.contracts.TradingState;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the desk may trade now, who set it, when and why ({@code by} and {@code at} are null when it was never set).
 * ACTIVE: entries and exits. REDUCING: exits only, a planned wind-down. HALTED: the kill switch, no new entries. Exits
 * go on in every state: a halt never leaves a position without its stop.
 */
public record TradingStatus(TradingState state, String reason, String by, Instant at) {

    public static final TradingStatus ACTIVE = new TradingStatus(TradingState.ACTIVE, null, null, null);

    /** What a refused entry says: its code and message; null while entries are allowed. */
    public record EntryRefusal(String code, String message) {
    }

    /** True unless ACTIVE: the kill switch as the desk's older API shows it. */
    @JsonProperty("on")
    public boolean on() {
        return state != TradingState.ACTIVE;
    }

    public boolean allowsEntries() {
        return state == TradingState.ACTIVE;
    }

    /** Why a new entry is refused now (KILL_SWITCH while HALTED, TRADING_REDUCING while REDUCING); null when ACTIVE. */
    public EntryRefusal entryRefusal() {
        return switch (state) {
            case ACTIVE -> null;
            case HALTED -> new EntryRefusal("KILL_SWITCH", "new entries are stopped by the kill switch: " + why());
            case REDUCING -> new EntryRefusal("TRADING_REDUCING", "the desk is reducing, exits only: " + why());
        };
    }

    /** The reason and who set it, as refusals and answers quote it. */
    public String why() {
        return reason == null || reason.isBlank() ? "set by " + by : reason + " (set by " + by + ")";
    }
}
