package com.alphastocks.bench;

import java.math.BigDecimal;
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

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.OrderSide;
import com.alphastocks.contracts.Priority;
import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/**
 * A stop-loss exit's latency: open positions, each on an instrument of its own, in one position-service; then, at a
 * steady rate, a tick below one position's stop, from its send on market.ticks until a read_committed consumer sees that
 * exit's order.placed (a SELL). The service's guarantee is the services' (BenchReport.serviceSettings).
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.TickToExitBench [EXITS [PER_SECOND [JSON]]]</pre>
 */
public final class TickToExitBench {

    private TickToExitBench() {
    }

    public static void main(String[] args) throws Exception {
        int exits = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path json = args.length > 2 ? Path.of(args[2]) : null;
        // A steady state, not a start: with 500 exits of warm-up the service was still compiling its tick path (C2) while
        // the clock ran (p50 9.3 ms; 5.1 ms when the same run went on for 8,000 exits).
        int warmUp = Integer.getInteger("bench.warmup-exits", 3_000);
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> cpuWhileMeasured = new LinkedHashMap<>();
        try (LocalStack stack = new LocalStack(Home.fromSystemProperty(), "bench-key")) {
            String bootstrap = stack.startBroker(Duration.ofSeconds(120));
            // Each position here hears one tick, its exit's: the others would all raise their silence alert at once after a
            // minute (a burst of thousands of position.updated in one punctuation), which is not what this measures.
            Map<String, String> settings = new java.util.TreeMap<>(Map.of("alphastocks.positions.stale-after", "PT1H"));
            settings.putAll(BenchReport.serviceSettings());
            stack.startServices(List.of("position-service"), Duration.ofSeconds(120), settings);
            Envelope envelope = new Envelope("bench", Clock.systemUTC());
            Map<String, Long> sent = new ConcurrentHashMap<>();
            Map<String, Long> seen = new ConcurrentHashMap<>();
            try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, WireSettings.EMBEDDED);
                 ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
                for (int i = 0; i < warmUp + exits; i++) {
                    String signalId = "exit-" + i;
                    producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), signalId,
                            PositionTickBench.position(envelope, signalId, instrument(i))));
                }
                producer.flush();
                admin.awaitCaughtUp("position-service", List.of(Topic.POSITION_OPENED.topicName()), Duration.ofMinutes(2));
                try (PipelineLoad.Follower follower = new PipelineLoad.Follower(bootstrap, List.of(Topic.ORDER_PLACED.topicName()), record -> {
                    if (record.value() instanceof OrderPlaced order && order.getSide() == OrderSide.SELL) {
                        seen.putIfAbsent(order.getSignalId(), System.nanoTime());
                    }
                })) {
                    System.out.printf("warm-up: %,d stop-loss exits at %,d/s%n", warmUp, perSecond);
                    stopOut(producer, envelope, 0, warmUp, perSecond, new ConcurrentHashMap<>());
                    System.out.printf("measured: %,d stop-loss exits at %,d/s%n", exits, perSecond);
                    CpuUse cpu = CpuUse.from(stack::cpuTime);
                    stopOut(producer, envelope, warmUp, exits, perSecond, sent);
                    cpuWhileMeasured.putAll(cpu.sinceThen());
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!seen.keySet().containsAll(sent.keySet()) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                }
            }
            List<Long> latencies = new ArrayList<>();
            sent.forEach((signalId, at) -> {
                Long exitSeen = seen.get(signalId);
                if (exitSeen != null) {
                    latencies.add(exitSeen - at);
                }
            });
            Collections.sort(latencies);
            results.put("exits", sent.size());
            results.put("exits_seen", latencies.size());
            results.put("rate_per_s", perSecond);
            results.put("tick_to_exit_p50_ms", OrderLatencyBench.ms(latencies, 0.50));
            results.put("tick_to_exit_p99_ms", OrderLatencyBench.ms(latencies, 0.99));
            results.put("tick_to_exit_p999_ms", OrderLatencyBench.ms(latencies, 0.999));
            results.put("setup", "position-service alone (paper, " + BenchReport.guarantee() + ", commit interval 100 ms, silence alerts after 1 h), after " + warmUp + " exits of warm-up; " + (warmUp + exits) + " open positions each on an instrument of its own; "
                    + "a tick below one position's stop at a steady rate, from its send (linger 0, acks=all) to a read_committed consumer "
                    + "seeing the exit's order.placed; one local broker, all on one 2-core machine");
            results.put("cpu_while_measured", cpuWhileMeasured);
            results.put("peak_rss_mb", stack.peakRssMb());
        }
        BenchReport.report("tick -> stop-loss exit -> order.placed", results, json);
    }

    /** One tick below the stop for each of positions {@code from} .. {@code from + count}, {@code perSecond} a second. */
    private static void stopOut(KafkaProducer<String, Object> producer, Envelope envelope, int from, int count, int perSecond,
                                Map<String, Long> sent) {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        Instant at = Instant.parse("2025-12-03T04:00:00Z");
        for (int n = 0; n < count; n++) {
            long wait = start + n * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int i = from + n;
            String instrument = instrument(i);
            BigDecimal price = Decimals.of("40");
            MarketTick tick = MarketTick.newBuilder()
                    .setMetadata(envelope.metadataAt(at, EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                    .setInstrument(instrument).setUnderlying("NIFTY").setOption(null).setLastPrice(price).setBid(price).setAsk(price)
                    .setVolume(1).setOpenInterest(1).setImpliedVolatility(null).setExchangeTime(at.plusSeconds(n)).build();
            sent.put("exit-" + i, System.nanoTime());
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, tick));
        }
        producer.flush();
    }

    private static String instrument(int i) {
        return "NIFTY25D09" + (10000 + 5 * i) + (i % 2 == 0 ? "CE" : "PE");
    }
}
