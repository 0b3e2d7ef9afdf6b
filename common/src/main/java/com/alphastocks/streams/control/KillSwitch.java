package com.alphastocks.streams.control;

import java.time.Instant;

/**
 * The desk's stop button: while on, no new entries (exits go on). Kept as JSON under {@link #KEY} in the compacted
 * executor.control topic, so it holds across restarts and for every instance; set there by the executor's REST API and
 * by the Telegram bot's /kill and /resume. {@code by} says who set it.
 */
public record KillSwitch(boolean on, String reason, String by, Instant at) {

    public static final String KEY = "kill-switch";
    public static final KillSwitch OFF = new KillSwitch(false, null, null, null);

    /** The reason refusals quote, or null when off. */
    public String refusalReason() {
        return on ? (reason == null || reason.isBlank() ? "set by " + by : reason + " (set by " + by + ")") : null;
    }
}
