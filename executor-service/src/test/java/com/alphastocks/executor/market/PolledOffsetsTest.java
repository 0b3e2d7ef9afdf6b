package com.alphastocks.executor.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PolledOffsetsTest {

    private final TopicPartition signals = new TopicPartition("portfolio", 0);

    @Test
    void remembersTheOffsetAfterTheLastRecordAGroupPolledOnAPartition() {
        String group = "desk-" + UUID.randomUUID();
        PolledOffsets<String, String> interceptor = interceptorOf(group);
        assertThat(PolledOffsets.upTo(group, signals, 8)).as("nothing polled: the record's own next offset").isEqualTo(8);

        interceptor.onConsume(polled(7, 8, 9));
        assertThat(PolledOffsets.upTo(group, signals, 8)).isEqualTo(10);

        interceptor.onConsume(polled(3));
        assertThat(PolledOffsets.upTo(group, signals, 4)).as("a seek back (a rebalance) does not lower it").isEqualTo(10);
        assertThat(PolledOffsets.upTo("another-" + group, signals, 8)).as("another group's polls are its own").isEqualTo(8);
    }

    private static PolledOffsets<String, String> interceptorOf(String group) {
        PolledOffsets<String, String> interceptor = new PolledOffsets<>();
        interceptor.configure(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group));
        return interceptor;
    }

    private ConsumerRecords<String, String> polled(long... offsets) {
        List<ConsumerRecord<String, String>> records = java.util.Arrays.stream(offsets)
                .mapToObj(o -> new ConsumerRecord<>(signals.topic(), signals.partition(), o, "portfolio", "signal-" + o)).toList();
        return new ConsumerRecords<>(Map.of(signals, records), Map.of(signals, new OffsetAndMetadata(offsets[offsets.length - 1] + 1)));
    }
}
