package com.alphastocks.streams.dlq;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;

/**
 * What a DLQ record carries besides the original key and value. SmallRye's dead-letter strategy writes the
 * source topic, partition, offset and the error; {@link DeadLetterStamp} adds the service and the attempts.
 */
public final class DeadLetters {

    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String SOURCE_PARTITION = "dead-letter-partition";
    public static final String SOURCE_OFFSET = "dead-letter-offset";
    public static final String REASON = "dead-letter-reason";
    public static final String EXCEPTION = "dead-letter-exception-class-name";
    public static final String SERVICE = "dead-letter-service";
    public static final String ATTEMPTS = "dead-letter-attempts";
    /** The notification channel that gave up on a notification (notification-service only). */
    public static final String NOTIFICATION_CHANNEL = "dead-letter-notification-channel";
    /** The header a replayed record carries: the DLQ record it came from ({@code partition:offset}). */
    public static final String REPLAY_OF = "dead-letter-replay-of";
    /** The header naming the service a replay is for: the one that gave up on it (see {@link ReplayAddressee}). */
    public static final String REPLAY_FOR = "dead-letter-replay-for";
    /** Present when the record could not be deserialized at all (so no handler ever ran). */
    public static final String DESERIALIZATION_FAILURE_PREFIX = "deserialization-failure";

    /** Producer settings {@link DeadLetterStamp} reads: the service's name and how often a handler is retried. */
    public static final String SERVICE_CONFIG = "alphastocks.service";
    public static final String HANDLER_RETRIES_CONFIG = "alphastocks.handler-retries";

    private DeadLetters() {
    }

    /**
     * Stamps a dead letter: where it came from ({@code sourceTopic} null: unknown, no source headers), why, which
     * service gave up on it and after how many attempts.
     */
    public static void stamp(Headers headers, String sourceTopic, int sourcePartition, long sourceOffset, String reason,
                             String exception, String service, int attempts) {
        if (sourceTopic != null) {
            put(headers, SOURCE_TOPIC, sourceTopic);
            put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
            put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        }
        put(headers, REASON, reason);
        put(headers, EXCEPTION, exception);
        put(headers, SERVICE, service);
        put(headers, ATTEMPTS, Integer.toString(attempts));
    }

    public static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
