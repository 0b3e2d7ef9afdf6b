package com.alphastocks.streams.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void shouldSumThePartitionsOfEachTopicTheGroupFollows() {
        var committed = Map.of(tp("signal.generated", 0), 10L, tp("signal.generated", 1), 5L, tp("position.closed", 0), 7L);
        var start = Map.of(tp("signal.generated", 0), 0L, tp("signal.generated", 1), 0L, tp("signal.generated", 2), 3L,
                tp("position.closed", 0), 0L, tp("market.ticks", 0), 0L);
        var end = Map.of(tp("signal.generated", 0), 12L, tp("signal.generated", 1), 5L, tp("signal.generated", 2), 9L,
                tp("position.closed", 0), 7L, tp("market.ticks", 0), 1000L);

        var lags = ConsumerLag.of("executor-service", committed, start, end);

        // signal.generated: 2 behind on p0, none on p1, p2 never committed: 6 from its start; market.ticks not followed
        assertThat(lags).containsExactly(new ConsumerLag("executor-service", "position.closed", 7, 7, 0),
                new ConsumerLag("executor-service", "signal.generated", 18, 26, 8));
    }
}
