package com.alphastocks.notify.delivery;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;

class SentLogTest {

    @BeforeAll
    static void createTopics() throws Exception {
        TestTopics.ensureAll(6);
    }

    @Test
    void shouldRememberAcrossARestartWhatEachChannelSent() {
        String event = "event-" + UUID.randomUUID();
        String other = "event-" + UUID.randomUUID();
        try (SentLog before = SentLog.load(KafkaConnection.plain(SharedKafka.bootstrapServers()), 100)) {
            before.channel("webhook").add(event);
            before.channel("telegram").add(other);
        }

        try (SentLog afterRestart = SentLog.load(KafkaConnection.plain(SharedKafka.bootstrapServers()), 100)) {
            assertThat(afterRestart.channel("webhook").contains(event)).isTrue();
            assertThat(afterRestart.channel("webhook").contains(other)).as("sent on another channel").isFalse();
            assertThat(afterRestart.channel("telegram").contains(other)).isTrue();
            assertThat(afterRestart.channel("email").contains(event)).isFalse();
        }
    }
}
