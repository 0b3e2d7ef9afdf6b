package com.alphastocks.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class HistoryEntryTest {

    static HistoryEntry at(String id, String type, String time) {
        return new HistoryEntry(id, type, Instant.parse(time), null, "position-service", id, "NORMAL", "{}");
    }

    @Test
    void shouldSortStoreKeysByTheTimeEventsHappenedNotTheOrderTheyCame() {
        List<HistoryEntry> came = List.of(at("a", "POSITION_CLOSED", "2025-12-03T04:00:00Z"), at("d", "POSITION_CLOSED", "2025-12-03T07:00:00.000001Z"),
                at("c", "POSITION_CLOSED", "2025-12-03T07:00:00Z"), at("b", "POSITION_CLOSED", "2025-12-03T05:00:00Z"),
                at("z", "POSITION_CLOSED", "2025-12-03T04:00:00Z"), at("old", "POSITION_CLOSED", "1999-01-01T00:00:00Z"));

        assertThat(came.stream().sorted((x, y) -> x.storeKey().compareTo(y.storeKey())).map(HistoryEntry::eventId))
                .containsExactly("old", "a", "z", "b", "c", "d");
    }

    @Test
    void shouldKeepEachTypeBetweenItsFirstAndLastKey() {
        HistoryEntry closed = at("x", "POSITION_CLOSED", "2025-12-03T04:00:00Z");
        HistoryEntry opened = at("y", "POSITION_OPENED", "2025-12-03T04:00:00Z");

        assertThat(Stream.of(closed, opened).filter(e -> e.storeKey().compareTo(HistoryEntry.firstKey("POSITION_CLOSED")) > 0
                && e.storeKey().compareTo(HistoryEntry.lastKey("POSITION_CLOSED")) < 0)).containsExactly(closed);
        // No type's range takes in another whose name starts the same (SIGNAL_STOPPED vs a longer name).
        assertThat(at("s", "SIGNAL_STOPPED_LATE", "2025-12-03T04:00:00Z").storeKey()).isGreaterThan(HistoryEntry.lastKey("SIGNAL_STOPPED"));
    }
}
