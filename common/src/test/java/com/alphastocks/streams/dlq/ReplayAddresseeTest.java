package com.alphastocks.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplayAddresseeTest {

    private static final TopicPartition CLOSED = new TopicPartition("position.closed", 0);

    @Test
    void shouldLetThroughOnlyTheReplaysForThisServiceAndEveryOrdinaryRecord() {
        ReplayAddressee<String, String> analytics = addressee("analytics-service");
        ConsumerRecords<String, String> polled = new ConsumerRecords<>(Map.of(CLOSED, List.of(
                record(10, null), record(11, "notification-service"), record(12, "analytics-service"), record(13, null))),
                Map.of(CLOSED, new OffsetAndMetadata(14)));

        ConsumerRecords<String, String> seen = analytics.onConsume(polled);

        assertThat(seen.records(CLOSED)).extracting(ConsumerRecord::offset).containsExactly(10L, 12L, 13L);
        assertThat(seen.nextOffsets()).as("the dropped replay is consumed like any record").containsEntry(CLOSED, new OffsetAndMetadata(14));
    }

    @Test
    void shouldKeepThePartitionsNextOffsetWhenEveryRecordOfItWasForAnotherService() {
        ConsumerRecords<String, String> seen = addressee("analytics-service").onConsume(new ConsumerRecords<>(
                Map.of(CLOSED, List.of(record(11, "notification-service"))), Map.of(CLOSED, new OffsetAndMetadata(12))));

        assertThat(seen.isEmpty()).isTrue();
        assertThat(seen.nextOffsets()).containsEntry(CLOSED, new OffsetAndMetadata(12));
    }

    @Test
    void shouldRefuseToStartWithoutTheServicesName() {
        assertThatThrownBy(() -> new ReplayAddressee<String, String>().configure(Map.of()))
                .hasMessageContaining("needs alphastocks.service");
    }

    private static ReplayAddressee<String, String> addressee(String service) {
        ReplayAddressee<String, String> addressee = new ReplayAddressee<>();
        addressee.configure(Map.of(DeadLetters.SERVICE_CONFIG, service));
        return addressee;
    }

    private static ConsumerRecord<String, String> record(long offset, String replayFor) {
        RecordHeaders headers = new RecordHeaders();
        if (replayFor != null) {
            headers.add(DeadLetters.REPLAY_OF, "3:17".getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.REPLAY_FOR, replayFor.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(CLOSED.topic(), CLOSED.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, 0, "sig-1",
                "event " + offset, headers, Optional.empty());
    }
}
