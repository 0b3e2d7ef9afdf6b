package com.alphastocks.launcher;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalAction;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireMode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * {@code ./alphastocks run}: the local broker and the services as processes, one strategy signal through
 * strategy.signals → signal-service → signal.generated → executor-service, and a summary of what happened.
 */
final class RunCommand implements Callable<Integer> {

    static final List<String> SERVICES = List.of("signal-service", "executor-service");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);
    /** Prices stay exact decimals when an event is shown as JSON. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Home home;
    private final Main.RunOptions options;

    RunCommand(Home home, Main.RunOptions options) {
        this.home = home;
        this.options = options;
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        LocalStack stack = new LocalStack(home);
        Thread stopOnCtrlC = new Thread(stack::close, "stop-local-stack");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            step("starting the local Kafka broker (KRaft, one node)");
            String bootstrap = stack.startBroker(START_TIMEOUT);
            say("broker on " + bootstrap + ", data in " + home.root().relativize(home.runDir().resolve("kafka")));

            step("starting " + String.join(", ", SERVICES) + " (logs in " + home.root().relativize(home.logs()) + ")");
            stack.startServices(SERVICES, START_TIMEOUT);
            SERVICES.forEach(s -> say(s + " ready on http://127.0.0.1:" + stack.httpPort(s)));

            StrategySignal signal = sampleSignal();
            step("sending a strategy signal to " + Topic.STRATEGY_SIGNALS.topicName());
            say(describe(signal));
            Instant sent = Instant.now();
            try (KafkaProducer<String, Object> strategy = EventClients.producer(bootstrap, WireMode.EMBEDDED)) {
                strategy.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), signal.getStrategy(), signal)).get();
            }

            step("waiting for " + Topic.SIGNAL_GENERATED.topicName());
            ConsumerRecord<String, Object> record;
            long generated;
            try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
                record = EventClients.awaitRecord(reader, Topic.SIGNAL_GENERATED.topicName(),
                        r -> signal.getClientSignalId().equals(((SignalGenerated) r.value()).getClientSignalId()), EVENT_TIMEOUT)
                        .orElseThrow(() -> new IllegalStateException("no signal.generated within " + EVENT_TIMEOUT.toSeconds()
                                + " s" + stack.process("signal-service").tail()));
                generated = EventClients.recordCount(reader, Topic.SIGNAL_GENERATED.topicName());
            }
            SignalGenerated event = (SignalGenerated) record.value();
            say("partition " + record.partition() + ", offset " + record.offset() + ", key " + record.key() + ", "
                    + ChronoUnit.MILLIS.between(sent, event.getMetadata().getOccurredAt()) + " ms after sending");
            System.out.println(JSON.writeValueAsString(JSON.readTree(event.toString())));

            step("waiting for executor-service to receive it");
            ManagedProcess executor = stack.process("executor-service");
            executor.awaitReady(() -> executor.logContains("received signal " + event.getSignalId()), EVENT_TIMEOUT);
            say("executor-service logged: received signal " + event.getSignalId());

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("signals_generated", generated);
            summary.put("signal_id", event.getSignalId());
            summary.put("correlation_id", event.getMetadata().getCorrelationId());
            summary.put("executor_received", true);
            summary.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            printSummary(summary);
            if (options.json() != null) {
                Files.writeString(options.json(), JSON.writeValueAsString(summary) + "\n");
                say("summary written to " + options.json());
            }
            return 0;
        } catch (Exception e) {
            System.err.println("\nrun failed: " + e.getMessage());
            return 1;
        } finally {
            step("stopping the services and the broker");
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        }
    }

    private static StrategySignal sampleSignal() {
        String clientId = "run-" + Instant.now().toEpochMilli();
        Envelope strategy = new Envelope("strategy.RSI", java.time.Clock.systemUTC());
        return StrategySignal.newBuilder()
                .setMetadata(strategy.metadata(EventType.STRATEGY_SIGNAL, EventIds.random(), clientId, null, Priority.NORMAL))
                .setClientSignalId(clientId)
                .setStrategy("RSI")
                .setSymbol("NIFTY")
                .setAction(SignalAction.BUY)
                .setEntryPrice(Decimals.of("21500"))
                .setStopLoss(Decimals.of("21350"))
                .setTarget(Decimals.of("21700"))
                .setSignalStrength(Decimals.of("7.5"))
                .setExpectedMovePct(Decimals.of("0.93"))
                .setTimeframe("5min")
                .setFeatures(Map.of("rsi", 32.5))
                .build();
    }

    private static String describe(StrategySignal s) {
        return String.format("%s %s %s entry %s, stop %s, target %s, strength %s, expected move %s%% (client id %s)",
                s.getStrategy(), s.getAction(), s.getSymbol(), s.getEntryPrice().stripTrailingZeros().toPlainString(),
                s.getStopLoss().stripTrailingZeros().toPlainString(), s.getTarget().stripTrailingZeros().toPlainString(),
                s.getSignalStrength().stripTrailingZeros().toPlainString(),
                s.getExpectedMovePct().stripTrailingZeros().toPlainString(), s.getClientSignalId());
    }

    private static void printSummary(Map<String, Object> summary) {
        System.out.println("\n=== AlphaStocks Streams run summary ===");
        summary.forEach((key, value) -> System.out.printf("  %-20s %s%n", key, value));
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }

    private static void say(String text) {
        System.out.println("    " + text);
    }
}
