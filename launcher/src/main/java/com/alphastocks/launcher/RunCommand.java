package com.alphastocks.launcher;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OrderPlaced;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.sdk.Signal;
import com.alphastocks.sdk.StrategyClient;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireMode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * {@code ./alphastocks run}: the local broker and the services as processes; a few market ticks; one signal from a
 * Java strategy (the SDK, onto strategy.signals) and one posted as JSON to the signal-service, both through
 * signal-service → signal.generated → executor-service (paper mode); and a summary of what happened.
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
        String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        LocalStack stack = new LocalStack(home, apiKey);
        Thread stopOnCtrlC = new Thread(stack::close, "stop-local-stack");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            step("starting the local Kafka broker (KRaft, one node)");
            String bootstrap = stack.startBroker(START_TIMEOUT);
            say("broker on " + bootstrap + ", data in " + home.root().relativize(home.runDir().resolve("kafka")));

            step("starting " + String.join(", ", SERVICES) + " (logs in " + home.root().relativize(home.logs()) + ")");
            stack.startServices(SERVICES, START_TIMEOUT);
            SERVICES.forEach(s -> say(s + " ready on http://127.0.0.1:" + stack.httpPort(s)));

            step("market ticks: NIFTY rising to 21523, BANKNIFTY falling to 48030 (the feed comes with the position-service issue)");
            publishTicks(bootstrap, "NIFTY", "21480", "21495", "21510", "21523");
            publishTicks(bootstrap, "BANKNIFTY", "48300", "48210", "48100", "48030");

            String runId = Long.toString(System.currentTimeMillis(), 36);
            step("a Java strategy (RSI, strategy SDK) emits a signal onto " + Topic.STRATEGY_SIGNALS.topicName());
            Instant sent = Instant.now();
            String sdkSignalId;
            try (StrategyClient rsi = StrategyClient.connect(bootstrap, "RSI")) {
                sdkSignalId = rsi.emitSignal(Signal.buy("NIFTY").entry("21523").stopLoss("21350").target("21870")
                        .strength("7.5").expectedMovePct("1.6").timeframe("5min").clientSignalId("rsi-" + runId).feature("rsi", 32.5));
            }
            say("RSI BUY NIFTY entry 21523, stop 21350, target 21870, strength 7.5, move 1.6 %: signal " + sdkSignalId);

            step("another strategy (MACD) posts a signal as JSON to POST /api/signals");
            String restSignalId = postSignal(stack.httpPort("signal-service"), apiKey, "macd-" + runId);
            say("MACD SELL BANKNIFTY entry 48000, stop 48300, target 47500, strength 6: signal " + restSignalId);

            step("waiting for both on " + Topic.SIGNAL_GENERATED.topicName());
            SignalGenerated first = awaitGenerated(bootstrap, sdkSignalId, stack);
            awaitGenerated(bootstrap, restSignalId, stack);
            say("signal " + sdkSignalId + " generated " + ChronoUnit.MILLIS.between(sent, first.getMetadata().getOccurredAt())
                    + " ms after the strategy sent it:");
            System.out.println(JSON.writeValueAsString(JSON.readTree(first.toString())));

            step("what the executor-service (paper mode) made of them");
            for (String signalId : List.of(sdkSignalId, restSignalId)) {
                say(outcome(bootstrap, signalId, stack));
            }
            JsonNode stored = JSON.readTree(get(stack.httpPort("signal-service"), "/api/signals/" + sdkSignalId));
            say("GET /api/signals/" + sdkSignalId + ": status " + stored.path("status").asText() + ", "
                    + stored.path("timeline").size() + " event(s) in its timeline");
            JsonNode risk = JSON.readTree(get(stack.httpPort("executor-service"), "/api/risk"));
            say("GET /api/risk: " + risk.path("openPositions").asInt() + " position(s) open, capital at risk "
                    + risk.path("capitalAtRisk").asText() + ", mode " + risk.path("mode").asText() + ", gateway " + risk.path("gateway").asText());

            Map<String, Object> summary = new LinkedHashMap<>();
            try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
                summary.put("signals_generated", EventClients.recordCount(reader, Topic.SIGNAL_GENERATED.topicName()));
                summary.put("signals_rejected", EventClients.recordCount(reader, Topic.SIGNAL_REJECTED.topicName()));
                summary.put("orders_placed", EventClients.recordCount(reader, Topic.ORDER_PLACED.topicName()));
                summary.put("orders_filled", EventClients.recordCount(reader, Topic.ORDER_FILLED.topicName()));
                summary.put("positions_opened", EventClients.recordCount(reader, Topic.POSITION_OPENED.topicName()));
                summary.put("dlq_records", EventClients.recordCount(reader, Topic.DLQ.topicName()));
            }
            summary.put("signal_ids", List.of(sdkSignalId, restSignalId));
            summary.put("wall_seconds", BigDecimal.valueOf(System.nanoTime() - started, 9).setScale(2, java.math.RoundingMode.HALF_UP));
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

    private static SignalGenerated awaitGenerated(String bootstrap, String signalId, LocalStack stack) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            ConsumerRecord<String, Object> record = EventClients.awaitRecord(reader, Topic.SIGNAL_GENERATED.topicName(),
                    r -> signalId.equals(r.key()), EVENT_TIMEOUT)
                    .orElseThrow(() -> new IllegalStateException("no signal.generated for " + signalId + " within "
                            + EVENT_TIMEOUT.toSeconds() + " s" + stack.process("signal-service").tail()));
            return (SignalGenerated) record.value();
        }
    }

    private static void publishTicks(String bootstrap, String underlying, String... prices) throws Exception {
        Envelope feed = new Envelope("launcher.ticks", java.time.Clock.systemUTC());
        try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, WireMode.EMBEDDED)) {
            for (String price : prices) {
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), underlying, MarketTick.newBuilder()
                        .setMetadata(feed.metadata(EventType.MARKET_TICK, EventIds.random(), underlying, null, Priority.LOW))
                        .setInstrument(underlying).setUnderlying(underlying).setOption(null).setLastPrice(Decimals.of(price))
                        .setBid(null).setAsk(null).setVolume(0).setOpenInterest(0).setImpliedVolatility(null)
                        .setExchangeTime(Instant.now()).build())).get();
            }
        }
    }

    /** What became of a signal at the executor: the position it opened, or why it was refused. */
    private static String outcome(String bootstrap, String signalId, LocalStack stack) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (Topic topic : List.of(Topic.POSITION_OPENED, Topic.SIGNAL_REJECTED, Topic.ORDER_PLACED)) {
                    for (ConsumerRecord<String, Object> record : EventClients.readAll(reader, topic.topicName())) {
                        if (!signalId.equals(record.key())) {
                            continue;
                        }
                        if (record.value() instanceof PositionOpened p) {
                            return "signal " + signalId + ": bought " + p.getQuantity() + " " + p.getInstrument() + " ("
                                    + p.getLots() + " lots) at " + plain(p.getEntryPremium()) + ", stop " + plain(p.getExitRules().getStopLossPremium())
                                    + ", target " + plain(p.getExitRules().getTargetPremium()) + " (position " + p.getPositionId() + ")";
                        }
                        if (record.value() instanceof SignalRejected r) {
                            return "signal " + signalId + ": refused at " + r.getStage() + ": " + String.join("; ",
                                    r.getReasons().stream().map(reason -> reason.getCode() + " " + reason.getMessage()).toList());
                        }
                        if (record.value() instanceof OrderPlaced o && o.getGatewayMode() == GatewayMode.LOGGING_ONLY) {
                            return "signal " + signalId + ": logged (logging-only mode) " + o.getQuantity() + " " + o.getInstrument();
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no outcome for signal " + signalId + " within " + EVENT_TIMEOUT.toSeconds() + " s"
                + stack.process("executor-service").tail());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String postSignal(int port, String apiKey, String clientSignalId) throws Exception {
        String body = """
                {"strategy": "MACD", "symbol": "BANKNIFTY", "action": "SELL", "entryPrice": 48000, "stopLoss": 48300,
                 "target": 47500, "signalStrength": 6, "expectedMovePct": 1.04, "clientSignalId": "%s", "timeframe": "15min"}
                """.formatted(clientSignalId);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api(port, "/api/signals"))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/signals answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("signalId").asText();
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api(port, path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI api(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
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
