package com.alphastocks.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;

/**
 * The whole trading path at full speed: a backlog of N strategy signals on strategy.signals, through the signal-,
 * executor- and position-service (as in the main job: their own JVMs, embedded wire mode, the services' guarantee) to closed
 * positions, with the market ticks the positions need to close. Signals per second end to end, from the first send to
 * the last position.closed, and when each stage had seen the last of them.
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.PipelineBench [SIGNALS [JSON]]</pre>
 */
public final class PipelineBench {

    private static final List<String> STAGES = List.of(Topic.SIGNAL_GENERATED.topicName(), Topic.ORDER_PLACED.topicName(),
            Topic.POSITION_OPENED.topicName(), Topic.POSITION_CLOSED.topicName(), Topic.SIGNAL_REJECTED.topicName());

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int signals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path json = args.length > 1 ? Path.of(args[1]) : null;
        Map<String, Object> results = new LinkedHashMap<>();
        try (PipelineLoad.Stack stack = new PipelineLoad.Stack(5)) {
            String bootstrap = stack.bootstrap;
            // A steady state, not a start (as OrderLatencyBench, and the same -Dbench.warmup-signals): after a 2,000-signal
            // warm-up the services' C2 compiler threads still took 43 % of the services' CPU while the clock ran (per-thread
            // CPU from /proc), and the figure was the JIT's, not the pipeline's.
            int warmUp = OrderLatencyBench.WARMUP_SIGNALS;
            System.out.printf("warm-up: %,d signals as a backlog%n", warmUp);
            run(bootstrap, stack.signals, "WARMUP", warmUp, null);
            System.out.printf("measured: %,d signals as a backlog on %s%n", signals, Topic.STRATEGY_SIGNALS.topicName());
            long ticksBefore = stack.closing.ticks();
            Map<String, Long> appendsBefore = logAppends(bootstrap);
            run(bootstrap, stack.signals, "BENCH", signals, results);
            Map<String, Long> appendsAfter = logAppends(bootstrap);
            double seconds = (Double) results.get("wall_seconds");
            long topics = appendsAfter.get("topics") - appendsBefore.get("topics");
            long internal = appendsAfter.get("internal") - appendsBefore.get("internal");
            results.put("log_appends_per_signal", Math.round(10.0 * topics / signals) / 10.0);
            // Where the appends go (each costs a produce, a log append, a fetch): per topic, the most first.
            Map<String, Double> byTopic = new LinkedHashMap<>();
            appendsAfter.entrySet().stream()
                    .filter(e -> !e.getKey().equals("topics") && !e.getKey().equals("internal") && !e.getKey().startsWith("__"))
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - appendsBefore.getOrDefault(e.getKey(), 0L)) / (double) signals))
                    .filter(e -> e.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> byTopic.put(e.getKey(), Math.round(10 * e.getValue()) / 10.0));
            results.put("log_appends_per_signal_by_topic", byTopic);
            results.put("broker_log_appends_per_s", Math.round((topics + internal) / seconds));
            results.put("broker_log_appends_internal_per_s", Math.round(internal / seconds));
            results.put("market_ticks", stack.closing.ticks() - ticksBefore);
            results.put("option_instruments", stack.closing.instruments().size());
            results.put("setup", "after a warm-up of " + warmUp + " signals: signal-, executor- and position-service, one instance each (Kafka Streams " + BenchReport.guarantee() + ", commit "
                    + "interval 100 ms, 1 stream thread, paper), 6 partitions per topic, one local broker, acks=all idempotent producers, "
                    + "linger 5 ms for the signals, embedded wire mode, all on one 2-core machine; risk limits raised so that every signal "
                    + "may trade; a market ticking each traded option every 100 ms between two premiums so each position closes on the "
                    + "tick after it opened; signals/s = N / (first send to last position.closed)");
            results.put("peak_rss_mb", stack.peakRssMb());
        }
        BenchReport.report("pipeline: strategy.signals -> position.closed", results, json);
    }

    /** Sends {@code count} signals of {@code strategy} at once and waits until each has closed or been refused. */
    private static void run(String bootstrap, KafkaProducer<String, Object> producer, String strategy, int count,
                            Map<String, Object> results) throws Exception {
        Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
        Map<String, Long> lastAt = new ConcurrentHashMap<>();
        Map<String, String> refusals = new ConcurrentHashMap<>();
        STAGES.forEach(s -> seen.put(s, new AtomicLong()));
        try (PipelineLoad.Follower follower = new PipelineLoad.Follower(bootstrap, STAGES, record -> {
            if (strategy.equals(strategyOf(record, strategy))) {
                seen.get(record.topic()).incrementAndGet();
                lastAt.put(record.topic(), System.nanoTime());
                if (record.value() instanceof SignalRejected rejected && refusals.size() < 5) {
                    refusals.put(rejected.getSignalId(), rejected.getStage() + ": " + rejected.getReasons());
                }
            }
        })) {
            Envelope envelope = new Envelope("strategy." + strategy, Clock.systemUTC());
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                StrategySignal signal = PipelineLoad.signal(envelope, strategy);
                producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), SignalIds.of(signal), signal));
            }
            producer.flush();
            double sent = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            long lastLine = System.nanoTime();
            long lastMove = System.nanoTime();
            long before = -1;
            // Until every signal has closed or been refused, or nothing moved for a minute.
            while (done(seen) < count && System.nanoTime() < deadline && System.nanoTime() - lastMove < 60_000_000_000L) {
                Thread.sleep(100);
                long now = done(seen) + seen.get(Topic.POSITION_OPENED.topicName()).get() + seen.get(Topic.SIGNAL_GENERATED.topicName()).get();
                if (now != before) {
                    before = now;
                    lastMove = System.nanoTime();
                }
                if (System.nanoTime() - lastLine > 5_000_000_000L) {
                    lastLine = System.nanoTime();
                    System.out.printf("  %s after %.0f s: %,d generated, %,d orders (entries and exits), %,d opened, %,d closed, %,d refused%n",
                            strategy, (lastLine - start) / 1e9, seen.get(Topic.SIGNAL_GENERATED.topicName()).get(),
                            seen.get(Topic.ORDER_PLACED.topicName()).get(), seen.get(Topic.POSITION_OPENED.topicName()).get(),
                            seen.get(Topic.POSITION_CLOSED.topicName()).get(), seen.get(Topic.SIGNAL_REJECTED.topicName()).get());
                }
            }
            if (!refusals.isEmpty()) {
                System.out.println("  refused, e.g.: " + refusals.values());
            }
            if (done(seen) < count) {
                throw new IllegalStateException(strategy + ": " + done(seen) + " of " + count + " signals came to an end (closed or refused)");
            }
            if (results != null) {
                double seconds = (lastAt.get(Topic.POSITION_CLOSED.topicName()) - start) / 1e9;
                results.put("signals", count);
                results.put("closed", seen.get(Topic.POSITION_CLOSED.topicName()).get());
                results.put("refused", seen.get(Topic.SIGNAL_REJECTED.topicName()).get());
                results.put("sent_per_s", Math.round(count / sent));
                results.put("pipeline_signals_per_s", Math.round(count / seconds));
                results.put("wall_seconds", Math.round(seconds * 10) / 10.0);
                Map<String, Double> stageSeconds = new LinkedHashMap<>();
                STAGES.stream().filter(lastAt::containsKey)
                        .forEach(s -> stageSeconds.put(s, Math.round((lastAt.get(s) - start) / 1e8) / 10.0));
                results.put("last_seen_after_s", stageSeconds);
            }
        }
    }

    /**
     * What the broker's logs took so far: the end offsets of every topic added up (records and transaction markers, an
     * offset each), the services' topics, changelogs and repartitions apart from the broker's own (offsets, transactions).
     */
    private static Map<String, Long> logAppends(String bootstrap) throws Exception {
        try (ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
            Map<String, Long> sums = new LinkedHashMap<>(Map.of("topics", 0L, "internal", 0L));
            admin.endOffsets(admin.partitionsOf(admin.allTopicNames())).forEach((tp, end) -> {
                sums.merge(tp.topic().startsWith("__") ? "internal" : "topics", end, Long::sum);
                sums.merge(tp.topic(), end, Long::sum);
            });
            return sums;
        }
    }

    private static long done(Map<String, AtomicLong> seen) {
        return seen.get(Topic.POSITION_CLOSED.topicName()).get() + seen.get(Topic.SIGNAL_REJECTED.topicName()).get();
    }

    private static String strategyOf(ConsumerRecord<String, Object> record, String running) {
        Object value = record.value();
        if (value instanceof SignalGenerated s) {
            return s.getStrategy();
        } else if (value instanceof PositionOpened o) {
            return o.getStrategy();
        } else if (value instanceof PositionClosed c) {
            return c.getStrategy();
        } else if (value instanceof SignalRejected r) {
            return r.getStrategy();
        }
        // An order does not name its strategy; the runs follow one another, so an order seen during a run is of that run.
        return value instanceof OrderPlaced ? running : null;
    }
}
