package com.alphastocks.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.wire.EventSerializer;
import com.alphastocks.streams.wire.WireMode;

/**
 * The ceiling: how many records of the pipeline's size the local broker takes in and gives out per second on this
 * machine, one producer (acks=all, idempotent, as the services produce) and one read_committed consumer at once, on a
 * 6-partition topic; no service in between. The records are encoded position.opened events, the pipeline's largest.
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.BrokerLimitBench [RECORDS [JSON]]</pre>
 */
public final class BrokerLimitBench {

    private static final String TOPIC = "bench.broker-limit";

    private BrokerLimitBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path json = args.length > 1 ? Path.of(args[1]) : null;
        Map<String, Object> results;
        try (LocalStack stack = new LocalStack(Home.fromSystemProperty(), "bench-key")) {
            results = measure(stack.startBroker(Duration.ofSeconds(120)), records);
        }
        BenchReport.report("local broker limit", results, json);
    }

    /** Produces {@code records} while a consumer reads them; the figures of the whole pass. */
    static Map<String, Object> measure(String bootstrap, int records) throws Exception {
        try (ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
            admin.ensureTopic(TOPIC, Optional.of(6), Map.of());
        }
        byte[] value;
        try (EventSerializer serializer = new EventSerializer()) {
            serializer.configure(Map.of(WireMode.CONFIG, WireMode.EMBEDDED.name()), false);
            value = serializer.serialize(TOPIC, PositionTickBench.position(new Envelope("bench", Clock.systemUTC()), "bench-signal-0001",
                    "NIFTY25D0921500CE"));
        }
        AtomicLong consumed = new AtomicLong();
        long[] lastAt = new long[1];
        java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> consume(bootstrap, records, consumed, lastAt, positioned), "broker-limit-reader");
        reader.start();
        if (!positioned.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new IllegalStateException("the consumer did not find the topic's end within 2 minutes");
        }
        long began = System.nanoTime();
        // Kafka 4's own linger (5 ms), not the project's 0: the broker's limit, not the project's latency.
        try (KafkaProducer<String, byte[]> producer = EventClients.producer(KafkaConnection.plain(bootstrap), new ByteArraySerializer(),
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "bench-" + (i % 1000), value));
            }
            producer.flush();
        }
        double produced = (System.nanoTime() - began) / 1e9;
        reader.join(Duration.ofMinutes(10).toMillis());
        if (consumed.get() < records) {
            throw new IllegalStateException("the consumer read " + consumed.get() + " of " + records + " records in 10 minutes");
        }
        double all = (lastAt[0] - began) / 1e9;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("records", records);
        results.put("record_bytes", value.length);
        results.put("produce_records_per_s", Math.round(records / produced));
        results.put("broker_records_per_s", Math.round(records / all));
        results.put("broker_mb_per_s", Math.round(records * (double) value.length / all / 1e6 * 10) / 10.0);
        results.put("setup", "one producer (acks=all, idempotent, Kafka 4 defaults: linger 5 ms, batch 16 KB) and one read_committed "
                + "consumer at once, 6 partitions, local broker (own JVM), all on one 2-core machine");
        return results;
    }

    private static void consume(String bootstrap, int records, AtomicLong consumed, long[] lastAt,
                                java.util.concurrent.CountDownLatch positioned) {
        try (KafkaConsumer<String, byte[]> consumer = EventClients.rawReader(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (consumed.get() < records && System.nanoTime() < deadline) {
                int n = consumer.poll(Duration.ofMillis(100)).count();
                if (n > 0) {
                    consumed.addAndGet(n);
                    lastAt[0] = System.nanoTime();
                }
            }
        }
    }
}
