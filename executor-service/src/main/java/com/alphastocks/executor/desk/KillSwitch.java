package com.alphastocks.executor.desk;

import java.time.Instant;

/**
 * The desk's stop button: while on, no new entries (exits go on). Set by an authenticated REST call, kept in the
 * compacted executor.control topic, so it holds across restarts and for every instance.
 */
public record KillSwitch(boolean on, String reason, String by, Instant at) {

    public static final String KEY = "kill-switch";
    public static final KillSwitch OFF = new KillSwitch(false, null, null, null);

    /** The reason refusals quote, or null when off. */
    public String refusalReason() {
        return on ? (reason == null || reason.isBlank() ? "set by " + by : reason + " (set by " + by + ")") : null;
    }
}
