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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;

/**
 * Latency at a steady rate from a strategy's send on strategy.signals, through the signal-service and the
 * executor-service, to the entry's order.placed, and on through the position-service's book to position.opened: the
 * moment a read_committed consumer sees each (one clock, this machine), and the same from the events' own times
 * (the strategy's occurred_at to the order's). The market closes every position on the tick after it opens, so the
 * books stay small.
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.OrderLatencyBench [PER_SECOND [SECONDS [JSON]]]</pre>
 */
public final class OrderLatencyBench {

    private OrderLatencyBench() {
    }

    /**
     * When each signal went out, and when its order and its position were seen; all System.nanoTime. Besides, per hop
     * topic, when the broker appended each signal's record there (LogAppendTime, ms; {@link #SENT}: the send's wall clock
     * time): where the time goes.
     */
    private record Timings(Map<String, Long> sent, Map<String, Long> ordered, Map<String, Long> opened,
                           Map<String, Long> stamped, Map<String, Map<String, Long>> appended) {
        static Timings empty() {
            Map<String, Map<String, Long>> appended = new LinkedHashMap<>();
            appended.put(SENT, new ConcurrentHashMap<>());
            HOPS.forEach(topic -> appended.put(topic, new ConcurrentHashMap<>()));
            return new Timings(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                    new ConcurrentHashMap<>(), appended);
        }
    }

    /** The strategy's send, as the first "append" of a signal's road (its wall clock time, ms). */
    private static final String SENT = "send";

    /** The topics a signal crosses on its way to its order, in order; the broker stamps each record's append time. */
    static final List<String> HOPS = List.of(Topic.STRATEGY_SIGNALS.topicName(), Topic.SIGNAL_GENERATED.topicName(),
            "executor-service-portfolio-repartition", Topic.ORDER_PLACED.topicName());

    /**
     * Signals sent before the measured run, at {@link #WARMUP_RATE} ({@code -Dbench.warmup-signals} changes how many):
     * enough for each service's per-signal code to pass the C2 compiler's thresholds (~10,000 calls). With 3,000, the
     * compiler threads were still the busiest of every service while the clock ran (JFR), and p50 at 10/s was 23 ms
     * instead of 13.
     */
    static final int WARMUP_SIGNALS = Integer.getInteger("bench.warmup-signals", 15_000);
    /**
     * Below the pipeline's capacity at such rates, so that the warm-up leaves no backlog behind ({@code -Dbench.warmup-rate};
     * the progress line says whether it did).
     */
    static final int WARMUP_RATE = Integer.getInteger("bench.warmup-rate", 150);
    static final int SETTLE_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path json = args.length > 2 ? Path.of(args[2]) : null;
        Map<String, Object> results = new LinkedHashMap<>();
        try (PipelineLoad.Stack stack = new PipelineLoad.Stack(0)) {
            stampAppendTimes(stack.bootstrap);
            // A steady state, not a start: the services and the broker compile their hot paths (C2) over the first ten
            // thousand signals or so, and on 2 cores the compiler threads take the CPU every hop needs. So the warm-up
            // sends WARMUP_SIGNALS whatever the measured rate, then lets the compilers finish before the clock starts.
            System.out.printf("warm-up: %,d signals at %,d/s, then %d s to settle%n", WARMUP_SIGNALS, WARMUP_RATE, SETTLE_SECONDS);
            run(stack.bootstrap, stack.signals, "WARMUP", WARMUP_RATE, Math.max(1, WARMUP_SIGNALS / WARMUP_RATE));
            Thread.sleep(SETTLE_SECONDS * 1000L);
            System.out.printf("measured: %,d signals/s for %d s%n", perSecond, seconds);
            CpuUse cpu = stack.cpuFromNow();
            Timings t = run(stack.bootstrap, stack.signals, "BENCH", perSecond, seconds);
            Map<String, Object> cpuWhileMeasured = cpu.sinceThen();
            List<Long> toOrder = since(t.sent(), t.ordered());
            List<Long> toOpened = since(t.sent(), t.opened());
            List<Long> stamped = new ArrayList<>(t.stamped().values());
            Collections.sort(stamped);
            results.put("signals", t.sent().size());
            results.put("orders_seen", toOrder.size());
            results.put("positions_seen", toOpened.size());
            results.put("rate_per_s", perSecond);
            results.put("p50_ms", ms(toOrder, 0.50));
            results.put("p99_ms", ms(toOrder, 0.99));
            results.put("p999_ms", ms(toOrder, 0.999));
            results.put("opened_p50_ms", ms(toOpened, 0.50));
            results.put("opened_p99_ms", ms(toOpened, 0.99));
            results.put("opened_p999_ms", ms(toOpened, 0.999));
            results.put("stamped_p50_ms", ms(stamped, 0.50));
            results.put("stamped_p99_ms", ms(stamped, 0.99));
            // Where the time goes: the send, then each service's hop, by the broker's append times (whole milliseconds).
            Map<String, Object> hops = new LinkedHashMap<>();
            List<String> road = new ArrayList<>(t.appended().keySet());
            for (int i = 1; i < road.size(); i++) {
                List<Long> hop = since(t.appended().get(road.get(i - 1)), t.appended().get(road.get(i)));
                hops.put(road.get(i - 1) + " -> " + road.get(i), "p50 " + ms(hop, 0.50) + " ms, p99 " + ms(hop, 0.99) + " ms");
            }
            results.put("hops_by_broker_append_time", hops);
            // Whether the figures are the hops' or the wait for a core: at 100/s on 2 cores the machine is near-busy.
            results.put("cpu_while_measured", cpuWhileMeasured);
            results.put("setup", "a strategy's send on strategy.signals (linger 0, acks=all) -> signal-service -> signal.generated -> "
                    + "executor-service -> order.placed (the entry) -> position-service -> position.opened; one instance each, Kafka "
                    + "Streams " + BenchReport.guarantee() + ", commit interval 100 ms, 6 partitions, the executor's decisions on its one portfolio "
                    + "partition, paper; seen = read_committed receipt (System.nanoTime), stamped = the order's occurred_at minus the "
                    + "strategy signal's; measured after a warm-up of " + WARMUP_SIGNALS + " signals and " + SETTLE_SECONDS + " s to settle; one local broker, all on one 2-core machine");
            results.put("peak_rss_mb", stack.peakRssMb());
        }
        BenchReport.report("strategy send -> order.placed -> position.opened", results, json);
    }

    /**
     * Sends {@code perSecond} signals a second for {@code seconds}, then waits (up to a minute) for their orders and positions.
     * Only the order and position topics are read while it sends: the hop topics' append times are read afterwards, so
     * that the benchmark's own reader does not wake for every hop of every signal while the clock runs (on 2 cores it was
     * a fifth of the CPU the measured run took).
     */
    private static Timings run(String bootstrap, KafkaProducer<String, Object> producer, String strategy, int perSecond, int seconds)
            throws Exception {
        Timings t = Timings.empty();
        Map<String, Instant> occurred = new ConcurrentHashMap<>();
        Map<TopicPartition, Long> hopsFrom = ends(bootstrap, HOPS);
        try (PipelineLoad.Follower follower = new PipelineLoad.Follower(bootstrap,
                List.of(Topic.ORDER_PLACED.topicName(), Topic.POSITION_OPENED.topicName()),
                record -> {
                    long now = System.nanoTime();
                    if (record.value() instanceof OrderPlaced order && order.getSide() == OrderSide.BUY && t.sent().containsKey(order.getSignalId())) {
                        t.ordered().putIfAbsent(order.getSignalId(), now);
                        t.stamped().putIfAbsent(order.getSignalId(),
                                Duration.between(occurred.get(order.getSignalId()), order.getMetadata().getOccurredAt()).toNanos());
                    } else if (record.value() instanceof PositionOpened position && t.sent().containsKey(position.getSignalId())) {
                        t.opened().putIfAbsent(position.getSignalId(), now);
                    }
                })) {
            Envelope envelope = new Envelope("strategy." + strategy, Clock.systemUTC());
            long intervalNanos = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            int total = perSecond * seconds;
            for (int i = 0; i < total; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    // Parking, not spinning: on 2 cores a spinning sender would take a core from the broker and the services.
                    LockSupport.parkNanos(wait);
                }
                StrategySignal signal = PipelineLoad.signal(envelope, strategy);
                String signalId = SignalIds.of(signal);
                occurred.put(signalId, signal.getMetadata().getOccurredAt());
                t.sent().put(signalId, System.nanoTime());
                t.appended().get(SENT).put(signalId, System.currentTimeMillis() * 1_000_000);
                producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), signalId, signal));
            }
            producer.flush();
            long sentAll = System.nanoTime();
            long deadline = sentAll + Duration.ofSeconds(60).toNanos();
            while ((t.ordered().size() < total || t.opened().size() < total) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // Whether the pipeline kept up: a backlog left at the end of the warm-up would be measured as latency.
            System.out.printf("  %s: %,d sent in %.1f s; %,d ordered and %,d opened %.1f s after the last send%n", strategy, total,
                    (sentAll - start) / 1e9, t.ordered().size(), t.opened().size(), (System.nanoTime() - sentAll) / 1e9);
        }
        readAppendTimes(bootstrap, hopsFrom, t);
        return t;
    }

    /** Where each partition of {@code topics} ends now. */
    private static Map<TopicPartition, Long> ends(String bootstrap, List<String> topics) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> reader.partitionsFor(topic).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return reader.endOffsets(partitions);
        }
    }

    /** The broker's append times of the run's signals on each hop topic (the entry's order only), read from {@code from} to the end. */
    private static void readAppendTimes(String bootstrap, Map<TopicPartition, Long> from, Timings t) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            reader.assign(from.keySet());
            from.forEach(reader::seek);
            Map<TopicPartition, Long> to = reader.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (to.entrySet().stream().anyMatch(end -> reader.position(end.getKey()) < end.getValue()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : reader.poll(Duration.ofMillis(200))) {
                    String signalId = signalIdOf(record.value());
                    if (signalId != null && t.sent().containsKey(signalId)
                            && !(record.value() instanceof OrderPlaced o && o.getSide() != OrderSide.BUY)) {
                        t.appended().get(record.topic()).putIfAbsent(signalId, record.timestamp() * 1_000_000);
                    }
                }
            }
        }
    }

    /** The hop topics' append times (LogAppendTime): each record then carries when the broker appended it. */
    private static void stampAppendTimes(String bootstrap) throws Exception {
        try (ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
            // The executor's repartition topic comes with its first rebalance, a moment after it answers ready.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!admin.topicNames().containsAll(HOPS)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the hop topics " + HOPS + " are not all there after 60 s");
                }
                Thread.sleep(200);
            }
            admin.setTopicConfig(HOPS, "message.timestamp.type", "LogAppendTime");
        }
    }

    private static String signalIdOf(Object event) {
        if (event instanceof StrategySignal s) {
            return s.getMetadata().getCorrelationId();
        }
        if (event instanceof SignalGenerated g) {
            return g.getSignalId();
        }
        return event instanceof OrderPlaced o ? o.getSignalId() : null;
    }

    private static List<Long> since(Map<String, Long> sent, Map<String, Long> seen) {
        List<Long> latencies = new ArrayList<>();
        seen.forEach((signalId, at) -> {
            if (sent.containsKey(signalId)) {
                latencies.add(at - sent.get(signalId));
            }
        });
        Collections.sort(latencies);
        return latencies;
    }

    /** The quantile of sorted nanoseconds, in milliseconds to a tenth; null when there are none. */
    static BigDecimal ms(List<Long> sortedNanos, double quantile) {
        if (sortedNanos.isEmpty()) {
            return null;
        }
        long nanos = sortedNanos.get(Math.min(sortedNanos.size() - 1, (int) Math.ceil(quantile * sortedNanos.size()) - 1));
        return BigDecimal.valueOf(nanos, 6).setScale(1, RoundingMode.HALF_UP);
    }
}
