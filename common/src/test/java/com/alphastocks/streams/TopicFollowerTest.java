package com.alphastocks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.alphastocks.kafka.SharedKafka;

/** The follower over the shared test broker: a catch-up returns once every record on the topic when it was asked is handled. */
class TopicFollowerTest {

    @Test
    void shouldHandleEveryRecordTheTopicHeldBeforeACatchUpReturns() throws Exception {
        String topic = "follower-" + UUID.randomUUID();
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            admin.ensureTopic(topic, Optional.of(3), Map.of());
        }
        Set<String> handled = ConcurrentHashMap.newKeySet();
        // A slow handler (1 ms a record): without the catch-up's wait, most records would still be unread when it returns.
        try (TopicFollower<String> follower = new TopicFollower<>(consumer(SharedKafka.bootstrapServers()), consumer(SharedKafka.bootstrapServers()), topic, 0, r -> {
            LockSupport.parkNanos(1_000_000);
            handled.add(r.value());
        })) {
            assertThat(follower.catchUp(Duration.ofSeconds(10))).as("an empty topic").isTrue();
            for (int round = 1; round <= 2; round++) {
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers(),
                        "acks", "all"), new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < 300; i++) {
                        producer.send(new ProducerRecord<>(topic, "k" + i, round + "-" + i));
                    }
                }
                assertThat(follower.catchUp(Duration.ofSeconds(10))).isTrue();
                assertThat(handled).as("handled after catch-up %d", round).hasSize(300 * round);
                assertThat(follower.readUpTo().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300L * round);
            }
        }
    }

    @Test
    void shouldCatchUpOnceForEveryInputRecordItsCallerHadFetchedBeforeIt() throws Exception {
        String topic = "follower-" + UUID.randomUUID();
        String input = "input-" + UUID.randomUUID();
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            admin.ensureTopic(topic, Optional.of(3), Map.of());
            admin.ensureTopic(input, Optional.of(1), Map.of());
        }
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new StringSerializer());
             TopicFollower<String> follower = new TopicFollower<>(consumer(SharedKafka.bootstrapServers()), consumer(SharedKafka.bootstrapServers()),
                     topic, 0, r -> {
                         LockSupport.parkNanos(1_000_000);
                         handled.add(r.value());
                     })) {
            assertThat(follower.catchUp(Duration.ofSeconds(10))).as("started (it follows from the end: backlog 0)").isTrue();
            send(producer, topic, "before", 200);
            long first = producer.send(new ProducerRecord<>(input, "s", "first")).get().offset();
            long second = producer.send(new ProducerRecord<>(input, "s", "second")).get().offset();

            TopicPartition in = new TopicPartition(input, 0);
            // Its caller had fetched both input records when it met the first.
            assertThat(follower.catchUpAfter(in, first, second + 1, Duration.ofSeconds(10))).isTrue();
            assertThat(handled).as("every tick before the first input record").hasSize(200);
            long trips = follower.roundTrips();
            assertThat(trips).isEqualTo(2);

            send(producer, topic, "later", 200);
            // The second record had been fetched before the first catch-up asked the ends: covered, no round trip.
            assertThat(follower.catchUpAfter(in, second, second + 1, Duration.ofSeconds(10))).isTrue();
            assertThat(follower.roundTrips()).isEqualTo(trips);

            long third = producer.send(new ProducerRecord<>(input, "s", "third")).get().offset();
            assertThat(follower.catchUpAfter(in, third, third + 1, Duration.ofSeconds(10))).isTrue();
            assertThat(follower.roundTrips()).isEqualTo(trips + 1);
            assertThat(handled).as("every tick before the third input record").hasSize(400);
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, "k" + i, prefix + "-" + i));
        }
        producer.flush();
    }

    @Test
    void shouldGiveUpAtItsBoundWhenTheBrokerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TopicFollower<String> follower = new TopicFollower<>(consumer("127.0.0.1:" + closedPort), consumer("127.0.0.1:" + closedPort), "nowhere", 0, r -> { })) {
            long start = System.nanoTime();
            assertThat(follower.catchUp(Duration.ofMillis(300))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "client.id", "follower-test"), new StringDeserializer(),
                new StringDeserializer());
    }
}
