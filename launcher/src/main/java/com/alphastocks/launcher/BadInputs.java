package com.alphastocks.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.contracts.SignalUpdated;
import com.alphastocks.sdk.Signal;
import com.alphastocks.sdk.StrategyClient;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetterShelf;
import com.alphastocks.streams.wire.EventSerializer;
import com.alphastocks.streams.wire.WireMode;

/**
 * The fault suite's bad inputs, each on a running stack, each with the answer it must get: poison on every inbound
 * topic is dead-lettered with its reason (by every service that reads the topic), a well-formed but wrong signal is
 * refused at validation with its reasons, a record past the broker's size limit is refused by it, and the REST write
 * endpoints answer 401 without a key and 400/422 to a bad body. Then a good signal must still get its outcome.
 */
final class BadInputs {

    /** The strategy the suite's own signals come from: none of them is a trade of the sample strategies. */
    static final String STRATEGY = "FAULTS";

    /** One bad input: what was tried, what answer it must get, the answer it got. */
    record Tried(String input, String expected, String answer, boolean answered) {
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Envelope ENVELOPE = new Envelope("faults", java.time.Clock.systemUTC());
    private static final java.util.Set<Topic<?>> COVERED_ABOVE = java.util.Set.of(Topic.STRATEGY_SIGNALS, Topic.MARKET_TICKS,
            Topic.SIGNAL_GENERATED, Topic.POSITION_OPENED, Topic.SIGNAL_ACTIVATED);

    private final String bootstrap;
    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    BadInputs(String bootstrap, LocalStack stack) {
        this.bootstrap = bootstrap;
        this.stack = stack;
    }

    List<Tried> tryAll() throws Exception {
        List<Tried> tried = new ArrayList<>();
        byte[] junk = "{\"this\": \"is not an event\"}".getBytes(StandardCharsets.UTF_8);
        byte[] tick = encoded(tick());
        byte[] update = encoded(signalUpdated());
        byte[] truncated = java.util.Arrays.copyOf(tick, 12);
        try (KafkaProducer<String, byte[]> raw = EventClients.producer(KafkaConnection.plain(bootstrap), new ByteArraySerializer(), Map.of())) {
            tried.add(poison(raw, Topic.STRATEGY_SIGNALS, "RSI", junk, "JSON bytes, not Avro"));
            tried.add(poison(raw, Topic.STRATEGY_SIGNALS, "RSI", tick, "a market tick (wrong schema)"));
            tried.add(poison(raw, Topic.STRATEGY_SIGNALS, "RSI", truncated, "an Avro record cut short (missing fields)"));
            tried.add(poison(raw, Topic.STRATEGY_SIGNALS, "RSI", new byte[900 * 1024], "a 900 KB payload"));
            tried.add(poison(raw, Topic.MARKET_TICKS, "NIFTY", junk, "JSON bytes, not Avro"));
            tried.add(poison(raw, Topic.MARKET_TICKS, "NIFTY", update, "a signal update (wrong schema)"));
            tried.add(poison(raw, Topic.SIGNAL_GENERATED, "poison-signal", junk, "JSON bytes, not Avro"));
            tried.add(poison(raw, Topic.SIGNAL_GENERATED, "poison-signal", tick, "a market tick (wrong schema)"));
            tried.add(poison(raw, Topic.POSITION_OPENED, "poison-signal", junk, "JSON bytes, not Avro"));
            tried.add(poison(raw, Topic.POSITION_OPENED, "poison-signal", tick, "a market tick (wrong schema)"));
            tried.add(poison(raw, Topic.SIGNAL_ACTIVATED, "poison-signal", tick, "a market tick (wrong schema)"));
            tried.add(poison(raw, Topic.POSITION_CONTROL, "NIFTY", "[1, 2".getBytes(StandardCharsets.UTF_8), "malformed JSON, no close request"));
            // The other event topics (the analytics- and notification-service read them all): an event of another schema.
            for (Topic<?> topic : Topic.values()) {
                if (topic.eventClass() != null && !COVERED_ABOVE.contains(topic)) {
                    tried.add(poison(raw, topic, "poison-signal", tick, "a market tick (wrong schema)"));
                }
            }
            tried.add(tooLarge(raw));
        }
        try (StrategyClient strategy = StrategyClient.connect(bootstrap, STRATEGY)) {
            tried.add(refusedAtValidation(strategy, "strategy.signals: an unknown symbol (SENSEX)", Signal.buy("SENSEX").entry("80000")
                    .stopLoss("79800").target("80400").strength("8").expectedMovePct("0.5").clientSignalId("faults-unknown-symbol")));
            tried.add(refusedAtValidation(strategy, "strategy.signals: absurd prices (stop above entry for a BUY, target 10^9)",
                    Signal.buy("NIFTY").entry("21500").stopLoss("99999").target("1000000000").strength("8").expectedMovePct("0.5")
                            .clientSignalId("faults-absurd-prices")));
            tried.add(refusedAtValidation(strategy, "strategy.signals: strength 42 on the 0–10 scale", Signal.buy("NIFTY").entry("21500")
                    .stopLoss("21400").target("21700").strength("42").expectedMovePct("0.5").clientSignalId("faults-strength")));
        }
        String signal = """
                {"strategy": "FAULTS", "symbol": "NIFTY", "action": "BUY", "entryPrice": 21500, "stopLoss": 21400, "target": 21700,
                 "signalStrength": 8, "expectedMovePct": 0.9, "clientSignalId": "faults-rest"}""";
        tried.add(rest("signal-service", "POST /api/signals without an API key", "/api/signals", signal, false, 401));
        tried.add(rest("signal-service", "POST /api/signals with a wrong API key", "/api/signals", signal, null, 401));
        tried.add(rest("signal-service", "POST /api/signals, malformed JSON", "/api/signals", "{\"strategy\": ", true, 400));
        tried.add(rest("signal-service", "POST /api/signals, no stop loss", "/api/signals", signal.replace("\"stopLoss\": 21400, ", ""), true, 422));
        tried.add(rest("signal-service", "POST /api/signals, unknown symbol", "/api/signals", signal.replace("NIFTY", "SENSEX"), true, 422));
        tried.add(rest("position-service", "POST /api/positions/{id}/close without an API key", "/api/positions/no-such/close", "", false, 401));
        tried.add(rest("executor-service", "POST /api/risk/kill-switch without an API key", "/api/risk/kill-switch", "{\"on\": true}", false, 401));
        tried.add(rest("analytics-service", "POST /api/dlq/replay without an API key", "/api/dlq/replay", "{\"all\": true}", false, 401));
        tried.add(rest("analytics-service", "POST /api/dlq/replay, malformed body", "/api/dlq/replay", "[1, 2", true, 400));
        return tried;
    }

    /** A good signal after all of it still gets its outcome (strength 1: the executor filters it, so no position stays open). */
    Optional<String> goodSignalAnswered() throws Exception {
        String id;
        try (StrategyClient strategy = StrategyClient.connect(bootstrap, STRATEGY)) {
            id = strategy.emitSignal(Signal.sell("NIFTY").entry("21500").stopLoss("21600").target("21300").strength("1")
                    .expectedMovePct("0.9").clientSignalId("faults-after-poison"));
        }
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            return EventClients.awaitRecord(reader, Topic.SIGNAL_REJECTED.topicName(), r -> id.equals(r.key()), WAIT)
                    .map(r -> "signal " + id + " refused at " + ((SignalRejected) r.value()).getStage());
        }
    }

    private Tried poison(KafkaProducer<String, byte[]> raw, Topic<?> topic, String key, byte[] value, String what) throws Exception {
        RecordMetadata at = raw.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
        String input = topic.topicName() + ": " + what;
        String expected = "a DLQ record with its reason";
        long deadline = System.nanoTime() + WAIT.toNanos();
        DeadLetterShelf shelf = new DeadLetterShelf(bootstrap);
        while (System.nanoTime() < deadline) {
            List<DeadLetterShelf.DeadLetter> found = shelf.last(500).stream()
                    .filter(d -> topic.topicName().equals(d.sourceTopic()) && Integer.toString(at.partition()).equals(d.sourcePartition())
                            && Long.toString(at.offset()).equals(d.sourceOffset()))
                    .toList();
            if (!found.isEmpty()) {
                String reason = found.get(0).reason() == null ? "" : found.get(0).reason();
                return new Tried(input, expected, "DLQ by " + String.join(", ", found.stream().map(DeadLetterShelf.DeadLetter::service)
                        .distinct().sorted().toList()) + ": " + (reason.length() > 90 ? reason.substring(0, 90) + "…" : reason),
                        !reason.isBlank());
            }
            Thread.sleep(500);
        }
        return new Tried(input, expected, "nothing in the DLQ within " + WAIT.toSeconds() + " s", false);
    }

    private static Tried tooLarge(KafkaProducer<String, byte[]> raw) throws InterruptedException {
        String input = "strategy.signals: a 2 MB payload";
        try {
            raw.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), "RSI", new byte[2 * 1024 * 1024])).get();
            return new Tried(input, "refused before it reaches a service", "the broker took it", false);
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new Tried(input, "refused before it reaches a service", cause.getClass().getSimpleName(),
                    cause instanceof org.apache.kafka.common.errors.RecordTooLargeException);
        }
    }

    private Tried refusedAtValidation(StrategyClient strategy, String input, Signal signal) {
        String id = strategy.emitSignal(signal);
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            Optional<SignalRejected> refused = EventClients.awaitRecord(reader, Topic.SIGNAL_REJECTED.topicName(), r -> id.equals(r.key()), WAIT)
                    .map(r -> (SignalRejected) r.value());
            return refused.map(r -> new Tried(input, "refused at validation with its reasons", "refused at " + r.getStage() + ": "
                            + String.join("; ", r.getReasons().stream().map(x -> x.getCode().toString()).toList()),
                            r.getStage() == RejectionStage.VALIDATION && !r.getReasons().isEmpty()))
                    .orElse(new Tried(input, "refused at validation with its reasons", "no signal.rejected within " + WAIT.toSeconds() + " s", false));
        }
    }

    /** @param key true: this run's API key; false: none; null: a wrong one */
    private Tried rest(String service, String input, String path, String body, Boolean key, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort(service) + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key == null) {
            request.header("X-API-Key", "not-the-key");
        } else if (key) {
            request.header("X-API-Key", stack.apiKey());
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return new Tried(service + " " + input, "HTTP " + expected, "HTTP " + status, status == expected);
    }

    /** Well-encoded events to put where another contract belongs. */
    private static MarketTick tick() {
        java.time.Instant now = java.time.Instant.now();
        return MarketTick.newBuilder()
                .setMetadata(ENVELOPE.metadataAt(now, EventType.MARKET_TICK, "faults-tick", "NIFTY", null, Priority.LOW))
                .setInstrument("NIFTY").setUnderlying("NIFTY").setExchangeTime(now)
                .setLastPrice(Decimals.scaled(new java.math.BigDecimal("21500"))).build();
    }

    private static SignalUpdated signalUpdated() {
        return SignalUpdated.newBuilder()
                .setMetadata(ENVELOPE.metadataAt(java.time.Instant.now(), EventType.SIGNAL_UPDATED, "faults-update", "poison-signal", null,
                        Priority.LOW))
                .setSignalId("poison-signal").setUpdates(Map.of("status", "EXPIRED")).build();
    }

    private static byte[] encoded(org.apache.avro.specific.SpecificRecord event) {
        try (EventSerializer serializer = new EventSerializer()) {
            serializer.configure(Map.of(WireMode.CONFIG, WireMode.EMBEDDED.name()), false);
            return serializer.serialize("any", event);
        }
    }
}
