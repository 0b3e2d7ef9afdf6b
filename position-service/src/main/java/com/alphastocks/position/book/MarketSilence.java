package com.alphastocks.position.book;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.alphastocks.position.trading.OpenPosition;

/**
 * Open positions that heard nothing from the market for {@code staleAfter} (by the wall clock: a dead feed stops the
 * market's clock too), each told once per silence.
 */
final class MarketSilence {

    /** A position gone quiet, and what to tell of it. */
    record Alert(OpenPosition position, String alert) {
    }

    private final Duration staleAfter;
    private final Map<String, Long> lastHeard = new HashMap<>();
    private final Set<String> alerted = new HashSet<>();

    MarketSilence(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    /** A tick for the position (or its opening) at {@code wallMillis}: a silence, if any, is over. */
    void heard(String positionId, long wallMillis) {
        lastHeard.put(positionId, wallMillis);
        alerted.remove(positionId);
    }

    void forget(String positionId) {
        lastHeard.remove(positionId);
        alerted.remove(positionId);
    }

    /** The positions of {@code open} silent for {@code staleAfter} at {@code wallMillis} and not yet told. */
    List<Alert> silent(Map<String, Map<String, OpenPosition>> open, long wallMillis) {
        List<Alert> alerts = new ArrayList<>();
        for (var holdings : open.entrySet()) {
            for (OpenPosition position : holdings.getValue().values()) {
                Long last = lastHeard.get(position.positionId());
                if (last != null && wallMillis - last >= staleAfter.toMillis() && alerted.add(position.positionId())) {
                    alerts.add(new Alert(position, "no ticks for " + holdings.getKey() + " in " + staleAfter.toSeconds() + " s"));
                }
            }
        }
        return alerts;
    }
}
