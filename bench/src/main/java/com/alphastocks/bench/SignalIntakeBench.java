package com.alphastocks.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/**
 * Signals per second one signal-service instance accepts, by topic and by REST, on the local stack
 * (broker and service as their own processes, as in {@code ./alphastocks run}). A signal counts once its
 * signal.generated is on the topic.
 * <pre>java -Dalphastocks.home=. -jar bench/target/bench.jar [TOPIC_SIGNALS [REST_SIGNALS [JSON_FILE]]]</pre>
 */
public final class SignalIntakeBench {

    private static final String API_KEY = "bench-key";

    private SignalIntakeBench() {
    }

    public static void main(String[] args) throws Exception {
        int topicSignals = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int restSignals = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path json = args.length > 2 ? Path.of(args[2]) : null;
        Map<String, Object> results = new LinkedHashMap<>();
        try (LocalStack stack = new LocalStack(Home.fromSystemProperty(), API_KEY)) {
            String bootstrap = stack.startBroker(Duration.ofSeconds(120));
            stack.startServices(List.of("signal-service"), Duration.ofSeconds(120));
            warmUp(bootstrap, stack.httpPort("signal-service"));

            long generatedBefore = generated(bootstrap);
            long start = System.nanoTime();
            publish(bootstrap, topicSignals);
            double publishSeconds = seconds(start);
            awaitGenerated(bootstrap, generatedBefore + topicSignals);
            double topicSeconds = seconds(start);
            results.put("topic_signals", topicSignals);
            results.put("topic_publish_per_s", rate(topicSignals, publishSeconds));
            results.put("topic_generated_per_s", rate(topicSignals, topicSeconds));

            generatedBefore = generated(bootstrap);
            start = System.nanoTime();
            post(stack.httpPort("signal-service"), restSignals, 64);
            double acceptSeconds = seconds(start);
            awaitGenerated(bootstrap, generatedBefore + restSignals);
            double restSeconds = seconds(start);
            results.put("rest_signals", restSignals);
            results.put("rest_accepted_per_s", rate(restSignals, acceptSeconds));
            results.put("rest_generated_per_s", rate(restSignals, restSeconds));
            results.put("setup", "1 signal-service instance (Kafka Streams, exactly-once, commit interval 100 ms, 1 stream thread), 6 partitions, "
                    + "1 local broker, acks=all, embedded wire mode, all on one 2-core machine; REST: 64 requests in flight");
            results.put("peak_rss_mb", stack.peakRssMb());
        }
        BenchReport.report("signal-service intake", results, json);
    }

    private static void warmUp(String bootstrap, int port) throws Exception {
        long before = generated(bootstrap);
        publish(bootstrap, 2_000);
        post(port, 500, 16);
        awaitGenerated(bootstrap, before + 2_500);
    }

    private static void publish(String bootstrap, int count) throws Exception {
        Envelope strategy = new Envelope("strategy.BENCH", java.time.Clock.systemUTC());
        try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, WireSettings.EMBEDDED, 5)) {
            for (int i = 0; i < count; i++) {
                StrategySignal signal = signal(strategy, "t-" + EventIds.random());
                producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), signal.getMetadata().getCorrelationId(), signal));
            }
            producer.flush();
        }
    }

    private static StrategySignal signal(Envelope strategy, String clientSignalId) {
        String eventId = EventIds.random();
        return StrategySignal.newBuilder()
                .setMetadata(strategy.metadata(EventType.STRATEGY_SIGNAL, eventId, SignalIds.of("BENCH", clientSignalId, eventId),
                        null, Priority.NORMAL))
                .setClientSignalId(clientSignalId).setStrategy("BENCH").setSymbol("NIFTY").setAction(SignalAction.BUY)
                .setEntryPrice(Decimals.of("21500")).setStopLoss(Decimals.of("21350")).setTarget(Decimals.of("21700"))
                .setSignalStrength(Decimals.of("7.5")).setExpectedMovePct(Decimals.of("0.93")).setFeatures(Map.of())
                .build();
    }

    private static void post(int port, int count, int inFlight) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Semaphore window = new Semaphore(inFlight);
        AtomicLong failures = new AtomicLong();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            window.acquire();
            String body = """
                    {"strategy": "BENCH", "symbol": "NIFTY", "action": "BUY", "entryPrice": 21500, "stopLoss": 21350,
                     "target": 21700, "signalStrength": 7.5, "expectedMovePct": 0.93, "clientSignalId": "r-%s"}
                    """.formatted(EventIds.random());
            all[i] = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/signals"))
                            .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        window.release();
                        if (error != null || response.statusCode() != 202) {
                            failures.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(all).join();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " posts were not accepted");
        }
    }

    private static long generated(String bootstrap) {
        try (KafkaConsumer<String, byte[]> consumer = EventClients.rawReader(bootstrap)) {
            // signal.generated is written without transactions: its offsets count its records.
            return EventClients.offsetSpan(consumer, Topic.SIGNAL_GENERATED.topicName());
        }
    }

    private static void awaitGenerated(String bootstrap, long total) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (generated(bootstrap) < total) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("signal.generated did not reach " + total + " records in 10 min");
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static BigDecimal rate(int count, double seconds) {
        return BigDecimal.valueOf(count / seconds).setScale(0, RoundingMode.HALF_UP);
    }
}
