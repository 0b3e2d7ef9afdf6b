package com.alphastocks.notify.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The event ids a channel has sent: an event is sent once. */
public interface SentIds {

    boolean contains(String eventId);

    /** Remembers that {@code eventId} went out; called right after the send, before the event counts as done. */
    void add(String eventId);

    /** The newest {@code remembered} ids, in this process only. */
    static SentIds inMemory(int remembered) {
        Set<String> ids = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        }));
        return new SentIds() {
            @Override
            public boolean contains(String eventId) {
                return ids.contains(eventId);
            }

            @Override
            public void add(String eventId) {
                ids.add(eventId);
            }
        };
    }
}
