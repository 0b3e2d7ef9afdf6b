package com.alphastocks.analytics.score;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One event as the history keeps it: its metadata and the event itself as JSON text.
 *
 * @param marketTime the market's clock at the event, where its producer knew it (a replayed day's own time in a replay)
 */
public record HistoryEntry(String eventId, String eventType, Instant occurredAt, Instant marketTime, String producer,
                           String correlationId, String priority, String event) {

    private static final String AFTER_EVERY_TIME = "~";

    /**
     * Where the entry lives in the history store: its type, then the time it happened (µs, zero-padded so that the
     * store's byte order is time order, whatever order events came in), then its id.
     */
    public String storeKey() {
        long micros = Math.max(0, ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt));
        return eventType + "/" + String.format("%020d", micros) + "/" + eventId;
    }

    /** The first possible key of a type's entries, for a range over the store. */
    public static String firstKey(String eventType) {
        return eventType + "/";
    }

    /** The last possible key of a type's entries ('~' sorts after every digit). */
    public static String lastKey(String eventType) {
        return eventType + "/" + AFTER_EVERY_TIME;
    }
}
