package com.alphastocks.streams;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.alphastocks.contracts.EventType;

/** Event and entity ids. */
public final class EventIds {

    private EventIds() {
    }

    /**
     * An id derived from what was decided: the same decision always gets the same id, so an event republished
     * after a crash or redelivery is recognisably the same event and consumers can drop the copy.
     */
    public static String derived(EventType type, String... decision) {
        String key = type.name() + '|' + String.join("|", decision);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
