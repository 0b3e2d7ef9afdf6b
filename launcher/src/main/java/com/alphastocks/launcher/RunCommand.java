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
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.SignalRejected;
import com.alphastocks.feed.FeedPublisher;
import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.feed.SyntheticDay;
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
 * {@code ./alphastocks run}: the local broker and the services as processes; the sample market day up to 10:15;
 * one signal from a Java strategy (the SDK, onto strategy.signals) and one posted as JSON to the signal-service,
 * both through signal-service → executor-service (paper mode); the rest of the day, through which the
 * position-service exits the position; and a summary of what happened.
 */
final class RunCommand implements Callable<Integer> {

    static final List<String> SERVICES = List.of("signal-service", "executor-service", "position-service", "notification-service",
            "analytics-service");
    /** The sample day's signals go out at 10:15 market time, after the morning's ticks. */
    static final Instant SIGNALS_AT = Instant.parse("2025-12-03T04:45:00Z");
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
        NotificationInbox inbox = null;
        Thread stopOnCtrlC = new Thread(stack::close, "stop-local-stack");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            step("starting the local Kafka broker (KRaft, one node)");
            String bootstrap = stack.startBroker(START_TIMEOUT);
            say("broker on " + bootstrap + ", data in " + home.root().relativize(home.runDir().resolve("kafka")));

            step("starting " + String.join(", ", SERVICES) + " (logs in " + home.root().relativize(home.logs()) + ")");
            inbox = new NotificationInbox(home.runDir().resolve("notifications.log"));
            // No Telegram bot or SMTP server here: the notification-service's webhook channel posts to a local inbox.
            stack.startServices(SERVICES, START_TIMEOUT, Map.of("alphastocks.notify.webhook.url", inbox.url(),
                    "alphastocks.notify.webhook.per-second", "200", "alphastocks.notify.webhook.burst", "50"));
            SERVICES.forEach(s -> say(s + " ready on http://127.0.0.1:" + stack.httpPort(s)));

            SyntheticDay day = MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 42);
            MarketDay market = new MarketDay(day);
            step("market feed: the sample day (synthetic, seed 42, " + MarketFeedMain.SAMPLE_DAY + ") until 10:15, as fast as it goes");
            FeedPublisher.Result morning;
            try (KafkaProducer<String, Object> feed = EventClients.producer(bootstrap, WireMode.EMBEDDED)) {
                morning = new FeedPublisher(feed, 0, RunCommand::say).publish(market.until(SIGNALS_AT));
            }
            say(String.format("%,d ticks, NIFTY at %s at 10:15", morning.ticks(), market.lastPrice("NIFTY")));
            awaitMarketTime(stack.httpPort("executor-service"), morning.lastExchangeTime());

            String runId = Long.toString(System.currentTimeMillis(), 36);
            // The demo strategy follows the last 15 minutes of NIFTY: a BUY when it rose, a SELL when it fell.
            boolean rose = market.rose("NIFTY", Duration.ofMinutes(15));
            BigDecimal entry = new BigDecimal(market.lastPrice("NIFTY"));
            BigDecimal stop = entry.multiply(new BigDecimal(rose ? "0.992" : "1.008")).setScale(0, java.math.RoundingMode.HALF_UP);
            BigDecimal target = entry.multiply(new BigDecimal(rose ? "1.016" : "0.984")).setScale(0, java.math.RoundingMode.HALF_UP);
            Signal rsiSignal = (rose ? Signal.buy("NIFTY") : Signal.sell("NIFTY")).entry(entry.toPlainString()).stopLoss(stop.toPlainString())
                    .target(target.toPlainString()).strength("7.5").expectedMovePct("1.6").timeframe("5min")
                    .clientSignalId("rsi-" + runId).feature("rsi", rose ? 32.5 : 71.0);
            step("a Java strategy (RSI, strategy SDK) emits a signal onto " + Topic.STRATEGY_SIGNALS.topicName());
            Instant sent = Instant.now();
            String sdkSignalId;
            try (StrategyClient rsi = StrategyClient.connect(bootstrap, "RSI")) {
                sdkSignalId = rsi.emitSignal(rsiSignal);
            }
            say("RSI " + (rose ? "BUY" : "SELL") + " NIFTY entry " + plain(entry) + ", stop " + plain(stop) + ", target " + plain(target)
                    + ", strength 7.5, move 1.6 % (NIFTY " + (rose ? "rose" : "fell") + " over the last 15 min): signal " + sdkSignalId);

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
            boolean positionOpened = false;
            for (String signalId : List.of(sdkSignalId, restSignalId)) {
                String outcome = outcome(bootstrap, signalId, stack);
                positionOpened |= signalId.equals(sdkSignalId) && outcome.contains(": bought ");
                say(outcome);
            }
            JsonNode stored = JSON.readTree(get(stack.httpPort("signal-service"), "/api/signals/" + sdkSignalId));
            say("GET /api/signals/" + sdkSignalId + ": status " + stored.path("status").asText() + ", "
                    + stored.path("timeline").size() + " event(s) in its timeline");
            JsonNode risk = JSON.readTree(get(stack.httpPort("executor-service"), "/api/risk"));
            say("GET /api/risk: " + risk.path("openPositions").asInt() + " position(s) open, capital at risk "
                    + risk.path("capitalAtRisk").asText() + ", mode " + risk.path("mode").asText() + ", gateway " + risk.path("gateway").asText());

            step("market feed: the rest of the day until 15:30; the position-service watches the position tick by tick");
            FeedPublisher.Result afternoon;
            try (KafkaProducer<String, Object> feed = EventClients.producer(bootstrap, WireMode.EMBEDDED)) {
                afternoon = new FeedPublisher(feed, 0, RunCommand::say).publish(market.rest());
            }
            say(String.format("%,d ticks, NIFTY closed at %s", afternoon.ticks(), market.lastPrice("NIFTY")));
            step("what became of the position");
            say(positionOpened ? closing(bootstrap, sdkSignalId, stack) : "no position was opened: nothing to close");
            JsonNode finished = JSON.readTree(get(stack.httpPort("signal-service"), "/api/signals/" + sdkSignalId));
            say("GET /api/signals/" + sdkSignalId + ": status " + finished.path("status").asText() + ", "
                    + finished.path("timeline").size() + " event(s): " + String.join(" -> ",
                    java.util.stream.StreamSupport.stream(finished.path("timeline").spliterator(), false)
                            .map(e -> e.path("status").asText()).toList()));

            step("the score (analytics-service, Kafka Streams interactive queries)");
            int analytics = stack.httpPort("analytics-service");
            long closedCount;
            try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
                closedCount = EventClients.recordCount(reader, Topic.POSITION_CLOSED.topicName());
            }
            JsonNode scorecards = awaitScorecards(analytics, closedCount);
            printScorecards(scorecards);
            String csv = get(analytics, "/api/analytics/ml-rows.csv");
            say("ML rows (GET /api/analytics/ml-rows.csv):");
            csv.lines().limit(6).forEach(line -> System.out.println("      " + line));
            long lag = awaitNoLag(analytics);

            Map<String, Object> summary = new LinkedHashMap<>();
            try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
                summary.put("signals_generated", EventClients.recordCount(reader, Topic.SIGNAL_GENERATED.topicName()));
                List<SignalRejected> rejected = EventClients.readAll(reader, Topic.SIGNAL_REJECTED.topicName()).stream()
                        .map(r -> (SignalRejected) r.value()).toList();
                summary.put("signals_rejected", rejected.size());
                summary.put("signals_filtered", rejected.stream().filter(r -> r.getStage() == RejectionStage.FILTER).count());
                summary.put("signals_activated", EventClients.recordCount(reader, Topic.SIGNAL_ACTIVATED.topicName()));
                summary.put("orders_placed", EventClients.recordCount(reader, Topic.ORDER_PLACED.topicName()));
                summary.put("orders_filled", EventClients.recordCount(reader, Topic.ORDER_FILLED.topicName()));
                summary.put("orders_rejected", EventClients.recordCount(reader, Topic.ORDER_REJECTED.topicName()));
                summary.put("positions_opened", EventClients.recordCount(reader, Topic.POSITION_OPENED.topicName()));
                List<PositionClosed> closedPositions = EventClients.readAll(reader, Topic.POSITION_CLOSED.topicName()).stream()
                        .map(r -> (PositionClosed) r.value()).toList();
                summary.put("positions_closed", closedPositions.size());
                Map<String, Long> byReason = new java.util.TreeMap<>();
                closedPositions.forEach(c -> byReason.merge(c.getExitReason().name(), 1L, Long::sum));
                summary.put("positions_closed_by_reason", byReason);
                summary.put("market_ticks", morning.ticks() + afternoon.ticks());
                summary.put("dlq_records", EventClients.recordCount(reader, Topic.DLQ.topicName()));
                if (options.trades() != null) {
                    List<PositionClosed> closed = closedPositions;
                    Map<String, PositionOpened> opened = new LinkedHashMap<>();
                    EventClients.readAll(reader, Topic.POSITION_OPENED.topicName())
                            .forEach(r -> opened.put(r.key(), (PositionOpened) r.value()));
                    Files.writeString(options.trades(), TradesCsv.of(closed, opened));
                    say(closed.size() + " closed position(s) written to " + options.trades());
                }
            }
            JsonNode notifications = JSON.readTree(get(stack.httpPort("notification-service"), "/api/notifications"));
            summary.put("notifications_sent", notifications.path("sent").asLong());
            summary.put("notifications_failed", notifications.path("failed").asLong());
            Map<String, Object> pnl = new LinkedHashMap<>();
            scorecards.forEach(card -> pnl.put(card.path("name").asText(), card.path("totalPnl").decimalValue()));
            summary.put("net_pnl_by_strategy", pnl);
            summary.put("final_consumer_lag", lag);
            summary.put("signal_ids", List.of(sdkSignalId, restSignalId));
            summary.put("wall_seconds", BigDecimal.valueOf(System.nanoTime() - started, 9).setScale(2, java.math.RoundingMode.HALF_UP));
            printSummary(summary);
            say("notifications as the webhook received them: " + home.root().relativize(inbox.log()) + " (" + inbox.received() + ")");
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
            if (inbox != null) {
                inbox.close();
            }
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        }
    }

    /** The per-strategy scorecards once the analytics-service has scored every closed position. */
    private static JsonNode awaitScorecards(int port, long closed) throws Exception {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        JsonNode cards = JSON.createArrayNode();
        while (System.nanoTime() < deadline) {
            cards = JSON.readTree(get(port, "/api/analytics/scorecards?kind=strategy"));
            long scored = 0;
            for (JsonNode card : cards) {
                scored += card.path("trades").asLong();
            }
            if (cards.isArray() && scored >= closed) {
                return cards;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("analytics-service did not score the " + closed + " closed position(s) within "
                + EVENT_TIMEOUT.toSeconds() + " s: " + cards);
    }

    /** Waits until every consumer group has committed everything (the analytics-service measures it); returns the lag left. */
    private static long awaitNoLag(int analyticsPort) throws Exception {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        long lag = -1;
        while (System.nanoTime() < deadline) {
            lag = 0;
            for (JsonNode l : JSON.readTree(get(analyticsPort, "/api/lag"))) {
                lag += l.path("lag").asLong();
            }
            if (lag == 0) {
                return 0;
            }
            Thread.sleep(250);
        }
        say("consumer lag still " + lag + " after " + EVENT_TIMEOUT.toSeconds() + " s");
        return lag;
    }

    private static void printScorecards(JsonNode cards) {
        say(String.format("%-10s %6s %8s %12s %8s %12s %12s %9s", "strategy", "trades", "win %", "net P&L", "PF", "expectancy",
                "max DD", "avg hold"));
        for (JsonNode c : cards) {
            say(String.format("%-10s %6d %8s %12s %8s %12s %12s %6s min", c.path("name").asText(), c.path("trades").asInt(),
                    figure(c, "winRatePct"), figure(c, "totalPnl"), figure(c, "profitFactor"), figure(c, "expectancy"),
                    figure(c, "maxDrawdown"), figure(c, "averageHoldingMinutes")));
        }
    }

    /** A figure of a scorecard, or "-" where there is none (no losing trade: no profit factor). */
    private static String figure(JsonNode card, String name) {
        JsonNode value = card.path(name);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
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

    /** Waits until the executor has seen the market up to {@code until}, so that it trades on the same market as the run shows. */
    private static void awaitMarketTime(int executorPort, Instant until) throws Exception {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String time = JSON.readTree(get(executorPort, "/api/risk")).path("marketTime").asText(null);
            if (time != null && !Instant.parse(time).isBefore(until)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("executor-service did not catch up with the market feed to " + until + " within "
                + EVENT_TIMEOUT.toSeconds() + " s");
    }

    /** The close of the signal's position: its reason and P&L. */
    private static String closing(String bootstrap, String signalId, LocalStack stack) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            PositionClosed closed = (PositionClosed) EventClients.awaitRecord(reader, Topic.POSITION_CLOSED.topicName(),
                    r -> signalId.equals(r.key()), EVENT_TIMEOUT)
                    .orElseThrow(() -> new IllegalStateException("no position.closed for " + signalId + " within "
                            + EVENT_TIMEOUT.toSeconds() + " s" + stack.process("position-service").tail()))
                    .value();
            return "position " + closed.getPositionId() + " closed (" + closed.getExitReason() + "): " + closed.getQuantity() + " "
                    + closed.getInstrument() + " from " + plain(closed.getEntryPremium()) + " to " + plain(closed.getExitPremium())
                    + " (average of the exits), gross " + plain(closed.getGrossPnl()) + ", charges " + plain(closed.getCharges())
                    + ", net " + plain(closed.getNetPnl()) + ", held " + java.time.Duration.ofMillis(closed.getHoldingMillis()).toMinutes() + " min";
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
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
        summary.forEach((key, value) -> System.out.printf("  %-" + width + "s  %s%n", key, value));
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }

    private static void say(String text) {
        System.out.println("    " + text);
    }
}
