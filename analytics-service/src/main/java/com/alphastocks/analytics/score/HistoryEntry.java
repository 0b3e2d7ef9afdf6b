package com.alphastocks.analytics.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One event as the history keeps it: its metadata and the event itself as JSON text. */
public record HistoryEntry(String eventId, String eventType, Instant occurredAt, String producer, String correlationId,
                           String priority, String event) {

    /**
     * The newest {@code limit} entries of a type by the time they happened, newest last (events of different
     * trades can reach the history out of that order).
     */
    public record Recent(List<HistoryEntry> entries) {
        public static final Recent EMPTY = new Recent(List.of());

        public Recent add(HistoryEntry entry, int limit) {
            List<HistoryEntry> next = new ArrayList<>(entries);
            next.add(entry);
            next.sort(Comparator.comparing(HistoryEntry::occurredAt));
            return new Recent(List.copyOf(next.subList(Math.max(0, next.size() - limit), next.size())));
        }
    }
}
