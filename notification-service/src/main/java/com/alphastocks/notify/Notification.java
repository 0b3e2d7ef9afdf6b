package com.alphastocks.notify;

import java.util.List;

import com.alphastocks.contracts.Priority;

/**
 * A message for people about one event: what the rules match on (type, priority, strategy, symbol) and what is
 * sent (a subject, a text, and files where a channel can carry them: the day's report has its chart and its trades).
 * One event gives one notification, sent to every channel its rules name.
 */
public record Notification(String eventId, String eventType, Priority priority, String strategy, String symbol, String subject,
                           String text, List<Attachment> attachments) {

    /** A file: its name, its media type and its bytes. */
    public record Attachment(String name, String contentType, byte[] data) {
    }

    public Notification(String eventId, String eventType, Priority priority, String strategy, String symbol, String subject, String text) {
        this(eventId, eventType, priority, strategy, symbol, subject, text, List.of());
    }

    public Notification with(List<Attachment> files) {
        return new Notification(eventId, eventType, priority, strategy, symbol, subject, text, List.copyOf(files));
    }
}
