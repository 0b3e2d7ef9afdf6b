package com.alphastocks.launcher;

import java.util.Map;

import com.alphastocks.feed.TickSource;

/** What another command (the fault suite) adds to a run: something done to it while the market plays, and checks. */
interface RunHooks {
    /** The ticks as the feed takes them; a hook may act on the stack as they pass. */
    default TickSource around(TickSource ticks, Stack stack, String bootstrap) {
        return ticks;
    }

    /** After the last tick went out, before the run waits for the services to catch up; the run's notification inbox. */
    default void afterFeed(NotificationInbox inbox) throws Exception {
    }

    /** Whether the notification-service's count since its start is all it sent (not when it was restarted). */
    default boolean notificationsCounted() {
        return true;
    }

    /** Before the summary is printed: may add to it; returns whether the run passed its checks. */
    default boolean beforeSummary(String bootstrap, Map<String, Object> summary) throws Exception {
        return true;
    }
}
