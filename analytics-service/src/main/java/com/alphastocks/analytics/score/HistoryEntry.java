package com.alphastocks.analytics.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One event as the history keeps it: its metadata and the event itself as JSON text. */
public record HistoryEntry(String eventId, String eventType, Instant occurredAt, String producer, String correlationId,
                           String priority, String event) {

    /** The newest {@code limit} entries of a type, newest last. */
    public record Recent(List<HistoryEntry> entries) {
        public static final Recent EMPTY = new Recent(List.of());

        public Recent add(HistoryEntry entry, int limit) {
            List<HistoryEntry> next = new ArrayList<>(entries);
            next.add(entry);
            return new Recent(List.copyOf(next.subList(Math.max(0, next.size() - limit), next.size())));
        }
    }
}
