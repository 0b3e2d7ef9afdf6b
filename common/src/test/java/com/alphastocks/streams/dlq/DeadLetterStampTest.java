package com.alphastocks.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterStampTest {

    private final DeadLetterStamp stamp = new DeadLetterStamp();

    DeadLetterStampTest() {
        stamp.configure(Map.of(DeadLetters.SERVICE_CONFIG, "signal-service", DeadLetters.HANDLER_RETRIES_CONFIG, "2"));
    }

    @Test
    void shouldStampTheServiceAndTheFirstTryPlusRetriesOnAFailedHandling() {
        ProducerRecord<Object, Object> record = new ProducerRecord<>("alphastocks.dlq", "key", new byte[] {1});

        stamp.onSend(record);

        assertThat(header(record, DeadLetters.SERVICE)).isEqualTo("signal-service");
        assertThat(header(record, DeadLetters.ATTEMPTS)).isEqualTo("3");
    }

    @Test
    void shouldCountOneAttemptForARecordNoHandlerCouldRead() {
        ProducerRecord<Object, Object> record = new ProducerRecord<>("alphastocks.dlq", "key", new byte[] {1});
        record.headers().add("deserialization-failure-reason", "not Avro".getBytes(StandardCharsets.UTF_8));

        stamp.onSend(record);

        assertThat(header(record, DeadLetters.ATTEMPTS)).isEqualTo("1");
    }

    private static String header(ProducerRecord<Object, Object> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
