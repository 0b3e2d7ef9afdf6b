package com.alphastocks.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SampleEvents;

/**
 * Events per second one analytics-service instance keeps up with: a backlog of whole trades (signal.generated,
 * signal.activated, position.closed, signal.completed or signal.stopped: four events each) over 5 strategies and
 * 2 underlyings, timed from the first send until the service's consumer group has committed all of them,
 * its own repartition topics included.
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.AnalyticsThroughputBench [TRADES [JSON]]</pre>
 */
public final class AnalyticsThroughputBench {

    private static final String GROUP = "analytics-service";
    private static final List<String> STRATEGIES = List.of("RSI", "MACD", "BOLLINGER", "ORB", "VWAP");

    private AnalyticsThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int trades = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
        Path json = args.length > 1 ? Path.of(args[1]) : null;
        Map<String, Object> results = new LinkedHashMap<>();
        try (LocalStack stack = new LocalStack(Home.fromSystemProperty(), "bench-key")) {
            String bootstrap = stack.startBroker(Duration.ofSeconds(120));
            stack.startServices(List.of(GROUP), Duration.ofSeconds(120));
            try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, WireSettings.EMBEDDED);
                 ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
                // A tenth first, to let the JIT and RocksDB settle; then the measured backlog.
                publish(producer, "warm", trades / 10);
                awaitCaughtUp(admin, Duration.ofMinutes(5));

                long began = System.nanoTime();
                int events = publish(producer, "t", trades);
                double published = (System.nanoTime() - began) / 1e9;
                awaitCaughtUp(admin, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - began) / 1e9;
                results.put("trades", trades);
                results.put("events", events);
                results.put("events_published_per_s", Math.round(events / published));
                results.put("events_per_s", Math.round(events / seconds));
                results.put("trades_per_s", Math.round(trades / seconds));
                results.put("setup", "analytics-service alone (Kafka Streams exactly_once_v2, commit interval 1 s, 1 stream thread, "
                        + "RocksDB stores with changelogs), 6-partition topics, local broker, producer and service on one 2-core machine");
                results.put("peak_rss_mb", stack.peakRssMb());
            }
        }
        BenchReport.report("analytics-service throughput", results, json);
    }

    /** {@code count} whole trades, a minute apart over the sample week; returns the number of events sent. */
    private static int publish(KafkaProducer<String, Object> producer, String prefix, int count) {
        Instant first = SampleEvents.at(SampleEvents.WEDNESDAY, "09:15");
        int sent = 0;
        List<SampleEvents.Published> trade = new ArrayList<>(4);
        for (int n = 0; n < count; n++) {
            trade.clear();
            String strategy = STRATEGIES.get(n % STRATEGIES.size());
            boolean nifty = n % 2 == 0;
            String net = Integer.toString((n % 7 - 3) * 250 + 50);
            SampleEvents.trade(trade, prefix + "-" + n, strategy, nifty ? "NIFTY" : "BANKNIFTY",
                    nifty ? "NIFTY25D0921500CE" : "BANKNIFTY25DEC59000CE", net, first.plus(Duration.ofMinutes(n)), 5 + n % 120);
            for (SampleEvents.Published e : trade) {
                producer.send(new ProducerRecord<>(e.topic().topicName(), null, e.at().toEpochMilli(), e.key(), e.event()));
                sent++;
            }
        }
        producer.flush();
        return sent;
    }

    /** The service's inputs and then its own repartition topics, which the same group consumes. */
    private static void awaitCaughtUp(ClusterAdmin admin, Duration timeout) throws Exception {
        List<String> inputs = new ArrayList<>(List.of(Topic.SIGNAL_GENERATED.topicName(), Topic.SIGNAL_ACTIVATED.topicName(),
                Topic.POSITION_CLOSED.topicName(), Topic.SIGNAL_COMPLETED.topicName(), Topic.SIGNAL_STOPPED.topicName()));
        admin.awaitCaughtUp(GROUP, inputs, timeout);
        List<String> repartitions = admin.topicNames().stream()
                .filter(t -> t.startsWith(GROUP + "-") && t.endsWith("-repartition")).sorted().toList();
        admin.awaitCaughtUp(GROUP, repartitions, timeout);
    }
}
