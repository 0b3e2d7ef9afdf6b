package com.alphastocks.streams.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;

/**
 * The DLQ as operators use it: what is on it (where each record came from, who gave up and why) and sending chosen
 * records back to their topic — key, bytes and time as they were, with {@value DeadLetters#REPLAY_OF} and, for the service that
 * gave up on it, {@value DeadLetters#REPLAY_FOR} — once each: replays are
 * remembered in the compacted {@code alphastocks.dlq.replays}. Plain Kafka clients; for the launcher and REST.
 */
public final class DeadLetterShelf {

    /** One DLQ record as people read it; {@code id} is its {@code partition:offset} in the DLQ. */
    public record DeadLetter(String id, Instant at, String key, int bytes, String service, String sourceTopic, String sourcePartition,
                             String sourceOffset, String attempts, String reason, boolean replayed) {
    }

    /** What a replay did with one id. */
    public enum Outcome { SENT, ALREADY_REPLAYED, NO_SOURCE_TOPIC, NOT_FOUND }

    public record Replay(String id, Outcome outcome, String topic) {
    }

    private final Map<String, Object> connection;

    public DeadLetterShelf(String bootstrap) {
        this(KafkaConnection.plain(bootstrap));
    }

    /** On a cluster reached with these {@link KafkaConnection} settings. */
    public DeadLetterShelf(Map<String, Object> connection) {
        this.connection = connection;
    }

    /** The newest {@code n} DLQ records, oldest of them first. */
    public List<DeadLetter> last(int n) {
        Set<String> replayed = replayed();
        try (KafkaConsumer<String, byte[]> reader = EventClients.rawReader(connection)) {
            return EventClients.lastRecords(reader, Topic.DLQ.topicName(), n).stream().map(r -> {
                String id = r.partition() + ":" + r.offset();
                return new DeadLetter(id, Instant.ofEpochMilli(r.timestamp()), r.key(), r.value() == null ? 0 : r.value().length,
                        header(r, DeadLetters.SERVICE), header(r, DeadLetters.SOURCE_TOPIC), header(r, DeadLetters.SOURCE_PARTITION),
                        header(r, DeadLetters.SOURCE_OFFSET), header(r, DeadLetters.ATTEMPTS), header(r, DeadLetters.REASON),
                        replayed.contains(id));
            }).toList();
        }
    }

    /** Sends the records with these ids (or all) back to their source topic, each at most once over all replays. */
    public List<Replay> replay(Collection<String> ids, boolean all) throws Exception {
        ensureReplaysTopic();
        Set<String> replayed = replayed();
        Set<String> wanted = new HashSet<>(ids);
        List<Replay> done = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = EventClients.rawReader(connection);
             KafkaProducer<String, byte[]> producer = EventClients.producer(connection, new ByteArraySerializer(), Map.of())) {
            for (ConsumerRecord<String, byte[]> r : EventClients.readAll(reader, Topic.DLQ.topicName())) {
                String id = r.partition() + ":" + r.offset();
                if (!all && !wanted.remove(id)) {
                    continue;
                }
                String source = header(r, DeadLetters.SOURCE_TOPIC);
                if (replayed.contains(id)) {
                    done.add(new Replay(id, Outcome.ALREADY_REPLAYED, source));
                } else if (source == null) {
                    done.add(new Replay(id, Outcome.NO_SOURCE_TOPIC, null));
                } else {
                    // With the DLQ record's time: a replay is the same event late, not a new one.
                    ProducerRecord<String, byte[]> back = new ProducerRecord<>(source, null, r.timestamp(), r.key(), r.value());
                    back.headers().add(DeadLetters.REPLAY_OF, id.getBytes(StandardCharsets.UTF_8));
                    String service = header(r, DeadLetters.SERVICE);
                    if (service != null) {
                        back.headers().add(DeadLetters.REPLAY_FOR, service.getBytes(StandardCharsets.UTF_8));
                    }
                    producer.send(back).get();
                    producer.send(new ProducerRecord<>(Topic.DLQ_REPLAYS.topicName(), id, source.getBytes(StandardCharsets.UTF_8))).get();
                    done.add(new Replay(id, Outcome.SENT, source));
                }
            }
        }
        wanted.forEach(id -> done.add(new Replay(id, Outcome.NOT_FOUND, null)));
        return done;
    }

    private Set<String> replayed() {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> reader = EventClients.rawReader(connection)) {
            if (!reader.partitionsFor(Topic.DLQ_REPLAYS.topicName()).isEmpty()) {
                EventClients.readAll(reader, Topic.DLQ_REPLAYS.topicName()).forEach(r -> ids.add(r.key()));
            }
        }
        return ids;
    }

    /** Only the replays topic, if missing (one partition, the cluster's replication): the rest is the services' to create. */
    private void ensureReplaysTopic() {
        try (ClusterAdmin admin = ClusterAdmin.on(connection, "dlq-shelf")) {
            admin.ensureTopic(Topic.DLQ_REPLAYS.topicName(), Optional.of(1), Topic.DLQ_REPLAYS.config());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
