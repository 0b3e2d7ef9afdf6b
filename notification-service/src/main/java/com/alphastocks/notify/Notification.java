package com.alphastocks.notify;

import com.alphastocks.contracts.Priority;

/**
 * A message for people about one event: what the rules match on (type, priority, strategy, symbol) and what is
 * sent (a subject and a text). One event gives one notification, sent to every channel its rules name.
 */
public record Notification(String eventId, String eventType, Priority priority, String strategy, String symbol, String subject,
                           String text) {
}
