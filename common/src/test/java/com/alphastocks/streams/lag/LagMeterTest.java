package com.alphastocks.streams.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.ClusterAdmin;

/** Lag on the shared broker: what a group has not taken in counts, also where it has committed nothing yet. */
class LagMeterTest {

    @Test
    void shouldCountATopicAMemberReadsButHasCommittedNothingOnAsLagOfAllItHolds() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String topic = "lag-meter-assigned-" + System.nanoTime();
        String group = "lag-meter-group-" + System.nanoTime();
        try (ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
            admin.ensureTopic(topic, Optional.of(2), Map.of());
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
             LagMeter meter = new LagMeter(bootstrap, "lag-meter-test")) {
            member.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
                member.poll(Duration.ofMillis(100));
            }
            assertThat(member.assignment()).as("the member joined").isNotEmpty();

            // Joined, assigned, nothing committed: all five records are still to be taken in.
            assertThat(meter.measure(Map.of(group, Set.of()))).extracting(ConsumerLag::topic, ConsumerLag::lag)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(topic, 5L));

            member.seekToEnd(member.assignment());
            member.assignment().forEach(member::position);
            member.commitSync();
            assertThat(meter.measure(Map.of(group, Set.of()))).extracting(ConsumerLag::lag).containsExactly(0L);
        }
    }

    @Test
    void shouldReportNothingForAGroupThatHasNeitherMembersNorCommits() {
        try (LagMeter meter = new LagMeter(SharedKafka.bootstrapServers(), "lag-meter-test")) {
            assertThat(meter.measure(Map.of("no-such-group-" + System.nanoTime(), Set.of()))).isEmpty();
        }
    }
}
