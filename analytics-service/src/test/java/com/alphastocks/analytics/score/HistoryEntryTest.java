package com.alphastocks.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HistoryEntryTest {

    static HistoryEntry at(String id, String time) {
        return new HistoryEntry(id, "POSITION_CLOSED", Instant.parse("2025-12-03T" + time + "Z"), "position-service", id, "NORMAL", "{}");
    }

    @Test
    void shouldKeepTheNewestByTheTimeTheyHappenedNotTheOrderTheyCame() {
        HistoryEntry.Recent recent = HistoryEntry.Recent.EMPTY;
        for (HistoryEntry e : new HistoryEntry[] {at("a", "04:00:00"), at("c", "06:00:00"), at("d", "07:00:00"), at("b", "05:00:00")}) {
            recent = recent.add(e, 3);
        }

        assertThat(recent.entries()).extracting(HistoryEntry::eventId).containsExactly("b", "c", "d");
        assertThat(recent.add(at("old", "01:00:00"), 3).entries()).extracting(HistoryEntry::eventId).containsExactly("b", "c", "d");
    }
}
