package com.alphastocks.streams.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Runs in each service's dead-letter producer only (configured as {@code dead-letter-queue.interceptor.classes})
 * and stamps every DLQ record with the service that gave up on it and how many times it was tried: once for a
 * record that could not be read, the first try and the configured retries for one whose handling kept failing.
 */
public class DeadLetterStamp implements ProducerInterceptor<Object, Object> {

    private byte[] service;
    private int handlerAttempts;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(DeadLetters.SERVICE_CONFIG);
        service = (name == null ? "unknown" : name.toString()).getBytes(StandardCharsets.UTF_8);
        Object retries = configs.get(DeadLetters.HANDLER_RETRIES_CONFIG);
        handlerAttempts = 1 + (retries == null ? 0 : Integer.parseInt(retries.toString().trim()));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        Headers headers = record.headers();
        headers.remove(DeadLetters.SERVICE).add(DeadLetters.SERVICE, service);
        int attempts = unreadable(headers) ? 1 : handlerAttempts;
        headers.remove(DeadLetters.ATTEMPTS).add(DeadLetters.ATTEMPTS, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static boolean unreadable(Headers headers) {
        for (Header header : headers) {
            if (header.key().startsWith(DeadLetters.DESERIALIZATION_FAILURE_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
