package com.alphastocks.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.EventDeserializer;
import com.alphastocks.streams.wire.WireMode;

/**
 * Latency from signal.generated to order.placed at a steady rate, through one executor-service (paper mode,
 * exactly once) on the local stack: from the moment the signal was sent to the moment a read_committed consumer
 * sees its order (one clock, this machine), and the executor's own decision time from the events' metadata.
 * Risk limits are raised and every position is closed as soon as its order shows (as the position-service
 * would, much later), so that every signal becomes an order and the portfolio stays small.
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.OrderLatencyBench [PER_SECOND [SECONDS [JSON]]]</pre>
 */
public final class OrderLatencyBench {

    private static KafkaProducer<String, Object> CLOSER;

    private OrderLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path json = args.length > 2 ? Path.of(args[2]) : null;
        String commitInterval = System.getProperty("commit.interval.ms", "100");
        Map<String, Object> results = new LinkedHashMap<>();
        try (LocalStack stack = new LocalStack(Home.fromSystemProperty(), "bench-key")) {
            String bootstrap = stack.startBroker(Duration.ofSeconds(120));
            Map<String, String> settings = new LinkedHashMap<>(Map.of(
                    "alphastocks.executor.risk.max-open-positions", "100000",
                    "alphastocks.executor.risk.max-capital-at-risk-pct", "100",
                    "alphastocks.executor.capital", "100000000000",
                    "kafka-streams.commit.interval.ms", commitInterval));
            settings.putAll(BenchReport.serviceSettings());
            stack.startServices(List.of("executor-service"), Duration.ofSeconds(120), settings);
            try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, WireMode.EMBEDDED);
                 KafkaProducer<String, Object> closer = EventClients.producer(bootstrap, WireMode.EMBEDDED)) {
                CLOSER = closer;
                for (String price : new String[] {"21480", "21495", "21510", "21523"}) {
                    producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", tick(price))).get();
                }
                Thread.sleep(2_000);
                run(bootstrap, producer, perSecond, 5, null);
                Map<String, Long> sent = new ConcurrentHashMap<>();
                List<long[]> latencies = run(bootstrap, producer, perSecond, seconds, sent);
                List<Long> endToEnd = new ArrayList<>();
                List<Long> decision = new ArrayList<>();
                latencies.forEach(l -> {
                    endToEnd.add(l[0]);
                    decision.add(l[1]);
                });
                Collections.sort(endToEnd);
                Collections.sort(decision);
                results.put("signals", sent.size());
                results.put("orders_seen", endToEnd.size());
                results.put("rate_per_s", perSecond);
                results.put("p50_ms", ms(endToEnd, 0.50));
                results.put("p99_ms", ms(endToEnd, 0.99));
                results.put("p999_ms", ms(endToEnd, 0.999));
                results.put("decision_p50_ms", ms(decision, 0.50));
                results.put("decision_p99_ms", ms(decision, 0.99));
                results.put("setup", "executor-service alone (paper, Kafka Streams exactly_once_v2, commit.interval.ms " + commitInterval + ", "
                        + "one portfolio partition), 6-partition signal.generated, local broker, all on one 2-core machine; "
                        + "end to end = send of signal.generated to read_committed receipt of order.placed; decision = metadata times");
                results.put("peak_rss_mb", stack.peakRssMb());
            }
        }
        BenchReport.report("signal.generated -> order.placed", results, json);
    }

    /** Sends at {@code perSecond} for {@code seconds}; returns [end to end, decision] in microseconds per order seen. */
    private static List<long[]> run(String bootstrap, KafkaProducer<String, Object> producer, int perSecond, int seconds,
                                    Map<String, Long> sentAt) throws Exception {
        Map<String, Long> sent = sentAt == null ? new ConcurrentHashMap<>() : sentAt;
        Map<String, Instant> generatedAt = new ConcurrentHashMap<>();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> read(bootstrap, sent, generatedAt, latencies, reading));
        reader.start();
        Thread.sleep(1_000);
        Envelope signals = new Envelope("bench", Clock.systemUTC());
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        int total = perSecond * seconds;
        for (int i = 0; i < total; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                // Parking, not spinning: on 2 cores a spinning sender would take a core from the broker and the service.
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            String signalId = EventIds.random();
            SignalGenerated signal = SignalGenerated.newBuilder()
                    .setMetadata(signals.metadata(EventType.SIGNAL_GENERATED, EventIds.random(), signalId, null, Priority.NORMAL))
                    .setSignalId(signalId).setStrategy("BENCH").setSymbol("NIFTY").setAction(SignalAction.BUY)
                    .setEntryPrice(Decimals.of("21523")).setStopLoss(Decimals.of("21350")).setTarget(Decimals.of("21870"))
                    .setSignalStrength(Decimals.of("7.5")).setExpectedMovePct(Decimals.of("1.6")).setFeatures(Map.of()).build();
            sent.put(signalId, System.nanoTime());
            generatedAt.put(signalId, signal.getMetadata().getOccurredAt());
            producer.send(new ProducerRecord<>(Topic.SIGNAL_GENERATED.topicName(), signalId, signal));
        }
        producer.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (latencies.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        reading.set(false);
        reader.join();
        return latencies;
    }

    private static void read(String bootstrap, Map<String, Long> sent, Map<String, Instant> generatedAt, List<long[]> latencies,
                             AtomicBoolean reading) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        EventDeserializer values = new EventDeserializer();
        values.configure(Map.of(), false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.ORDER_PLACED.topicName()).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (reading.get()) {
                consumer.poll(Duration.ofMillis(5)).forEach(record -> {
                    long now = System.nanoTime();
                    Long at = sent.get(record.key());
                    if (at != null && record.value() instanceof OrderPlaced order) {
                        long decision = Duration.between(generatedAt.get(record.key()), order.getMetadata().getOccurredAt()).toNanos() / 1_000;
                        latencies.add(new long[] {(now - at) / 1_000, decision});
                        CLOSER.send(new ProducerRecord<>(Topic.POSITION_CLOSED.topicName(), record.key(), closed(order)));
                    }
                });
            }
        }
    }

    private static BigDecimal ms(List<Long> sortedMicros, double quantile) {
        if (sortedMicros.isEmpty()) {
            return null;
        }
        long micros = sortedMicros.get(Math.min(sortedMicros.size() - 1, (int) Math.ceil(quantile * sortedMicros.size()) - 1));
        return BigDecimal.valueOf(micros, 3).setScale(1, RoundingMode.HALF_UP);
    }

    private static PositionClosed closed(OrderPlaced order) {
        return PositionClosed.newBuilder()
                .setMetadata(new Envelope("bench", Clock.systemUTC()).metadata(EventType.POSITION_CLOSED, EventIds.random(),
                        order.getSignalId(), null, Priority.CRITICAL))
                .setPositionId("bench-" + order.getSignalId()).setSignalId(order.getSignalId()).setStrategy("BENCH")
                .setInstrument(order.getInstrument()).setQuantity(order.getQuantity()).setEntryPremium(Decimals.of("100"))
                .setExitPremium(Decimals.of("100")).setGrossPnl(Decimals.of("0")).setCharges(Decimals.of("0")).setNetPnl(Decimals.of("0"))
                .setExitReason(ExitReason.MANUAL).setHoldingMillis(0).build();
    }

    private static MarketTick tick(String price) {
        return MarketTick.newBuilder()
                .setMetadata(new Envelope("bench", Clock.systemUTC()).metadata(EventType.MARKET_TICK, EventIds.random(), "NIFTY", null, Priority.LOW))
                .setInstrument("NIFTY").setUnderlying("NIFTY").setOption(null).setLastPrice(Decimals.of(price)).setBid(null).setAsk(null)
                .setVolume(0).setOpenInterest(0).setImpliedVolatility(null).setExchangeTime(Instant.now()).build();
    }
}
