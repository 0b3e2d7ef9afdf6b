package com.alphastocks.launcher;

import static com.alphastocks.launcher.RunCommand.say;
import static com.alphastocks.launcher.RunCommand.step;
import static com.alphastocks.streams.Decimals.plain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** What the main job prints at its end, and asks the services for it: the trades, the scorecards, their counts, the summary. */
final class RunReport {

    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(MarketFeedMain.EXCHANGE);
    /** One client for the run's reads of the local services (each of them a request on 127.0.0.1). */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Prices stay exact decimals when read from JSON. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Home home;
    private final RunOptions options;
    private final RunHooks hooks;

    RunReport(Home home, RunOptions options, RunHooks hooks) {
        this.home = home;
        this.options = options;
        this.hooks = hooks;
    }

    /** The trades, the score and the run's summary (printed, and written where asked); the run's exit status. */
    int report(Stack stack, String bootstrap, WireSettings wire, NotificationInbox inbox, long lag, long started) throws Exception {
        int analytics = stack.httpPort("analytics-service");
        RunSummary.Topics topics;
        long marketTicks;
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap, wire)) {
            topics = RunSummary.Topics.read(reader);
            // The feed's producer writes no transactions: the span of offsets is the number of ticks.
            marketTicks = EventClients.offsetSpan(reader, Topic.MARKET_TICKS.topicName());
        }
        step("the trades (position-service, paper broker)");
        printTrades(topics);

        step("the score (analytics-service, Kafka Streams interactive queries)");
        JsonNode scorecards = awaitScorecards(analytics, topics.closed().size());
        printScorecards(scorecards);
        String csv = get(analytics, "/api/analytics/ml-rows.csv");
        say("ML rows (GET /api/analytics/ml-rows.csv), " + (csv.lines().count() - 1) + " row(s):");
        csv.lines().limit(4).forEach(line -> System.out.println("      " + line));

        Map<String, Object> summary = RunSummary.summary(topics.counts(), marketTicks);
        summary.put("wire_mode", wire.mode().name().toLowerCase(java.util.Locale.ROOT));
        JsonNode notifications = JSON.readTree(get(stack.httpPort("notification-service"), "/api/notifications"));
        summary.put("notifications_sent", notifications.path("sent").asLong());
        summary.put("notifications_failed", notifications.path("failed").asLong());
        Map<String, Object> pnl = new LinkedHashMap<>();
        scorecards.forEach(card -> pnl.put(card.path("name").asText(), card.path("totalPnl").decimalValue()));
        summary.put("net_pnl_by_strategy", pnl);
        summary.put("final_consumer_lag", lag);
        List<String> mismatches = RunSummary.mismatches(topics.counts(), serviceCounts(stack, inbox), hooks.notificationsCounted());
        summary.put("counts_match_topics", mismatches.isEmpty());
        if (!mismatches.isEmpty()) {
            summary.put("count_mismatches", mismatches);
        }
        if (options.trades() != null) {
            Files.writeString(options.trades(), TradesCsv.of(topics.closed(), topics.openedBySignal()));
            say(topics.closed().size() + " closed position(s) written to " + options.trades());
        }
        boolean passed = hooks.beforeSummary(bootstrap, summary);
        summary.put("peak_rss_mb", stack.peakRssMb());
        summary.put("wall_seconds", BigDecimal.valueOf(System.nanoTime() - started, 9).setScale(2, RoundingMode.HALF_UP));
        printSummary(summary);
        say("notifications as the webhook received them: " + home.root().relativize(inbox.log()) + " (" + inbox.received() + ")");
        if (options.json() != null) {
            Files.writeString(options.json(), JSON.writeValueAsString(summary) + "\n");
            say("summary written to " + options.json());
        }
        if (options.stay()) {
            step("the services stay up: dashboard on http://127.0.0.1:" + analytics + "/, REST as in the README, "
                    + "./alphastocks positions | close | kill-switch | trading-state; Ctrl-C stops them");
            Thread.currentThread().join();
        }
        return passed && mismatches.isEmpty() && lag == 0 ? 0 : 1;
    }

    /** What the services say they did, for the summary's cross-check. */
    static RunSummary.ServiceCounts serviceCounts(Stack stack, NotificationInbox inbox) throws Exception {
        JsonNode stats = JSON.readTree(get(stack.httpPort("analytics-service"), "/api/events/stats"));
        Map<String, Long> published = new HashMap<>();
        stats.path("published").fields().forEachRemaining(e -> published.put(e.getKey(), e.getValue().asLong()));
        long dlq = 0;
        for (JsonNode failed : stats.path("failed")) {
            dlq += failed.asLong();
        }
        JsonNode positions = JSON.readTree(get(stack.httpPort("position-service"), "/api/positions"));
        long open = 0;
        for (JsonNode position : positions) {
            open += position.path("status").asText().equals("open") ? 1 : 0;
        }
        JsonNode notifications = JSON.readTree(get(stack.httpPort("notification-service"), "/api/notifications"));
        return new RunSummary.ServiceCounts(published, dlq, positions.size(), open, notifications.path("sent").asLong(),
                inbox.received());
    }

    /** A progress line's tail: how far the pipeline has got, as the analytics-service counts it. */
    static String pipeline(int analyticsPort) {
        try {
            JsonNode published = JSON.readTree(get(analyticsPort, "/api/events/stats")).path("published");
            long opened = published.path("POSITION_OPENED").asLong();
            long closed = published.path("POSITION_CLOSED").asLong();
            return String.format(" · signals %d · orders %d · positions open %d, closed %d",
                    published.path("SIGNAL_GENERATED").asLong(), published.path("ORDER_PLACED").asLong(), opened - closed, closed);
        } catch (Exception e) {
            return "";
        }
    }

    /** One line per closed position, in exit order. */
    static void printTrades(RunSummary.Topics topics) {
        Map<String, PositionOpened> opened = topics.openedBySignal();
        List<PositionClosed> closed = new ArrayList<>(topics.closed());
        closed.sort(java.util.Comparator.comparing(c -> c.getExitTime() == null ? c.getMetadata().getOccurredAt() : c.getExitTime()));
        if (closed.isEmpty()) {
            say("no position was closed (" + topics.opened().size() + " opened)");
        }
        for (PositionClosed c : closed) {
            Instant exit = c.getExitTime() == null ? c.getMetadata().getOccurredAt() : c.getExitTime();
            PositionOpened o = opened.get(c.getSignalId());
            say(String.format("%s-%s %-10s %-19s %3d lots  %8s -> %-8s %-15s net %12s", CLOCK.format(exit.minusMillis(c.getHoldingMillis())),
                    CLOCK.format(exit), c.getStrategy(), c.getInstrument(), o == null ? 0 : o.getLots(), plain(c.getEntryPremium()),
                    plain(c.getExitPremium()), c.getExitReason(), plain(c.getNetPnl())));
        }
        long open = topics.opened().size() - topics.closed().size();
        if (open > 0) {
            say(open + " position(s) still open when the ticks ended");
        }
    }

    /** The per-strategy scorecards once the analytics-service has scored every closed position. */
    static JsonNode awaitScorecards(int port, long closed) throws Exception {
        long deadline = System.nanoTime() + RunSettle.TIMEOUT.toNanos();
        JsonNode cards = JSON.createArrayNode();
        while (System.nanoTime() < deadline) {
            try {
                cards = JSON.readTree(get(port, "/api/analytics/scorecards?kind=strategy"));
            } catch (IOException e) {
                // Not answered yet (its stores rebalancing): asked again until the deadline, which names the last answer.
                cards = JSON.createArrayNode().add(e.toString());
                Thread.sleep(200);
                continue;
            }
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
                + RunSettle.TIMEOUT.toSeconds() + " s: " + cards);
    }

    static void printScorecards(JsonNode cards) {
        say(String.format("%-10s %6s %8s %12s %8s %12s %12s %9s", "strategy", "trades", "win %", "net P&L", "PF", "expectancy",
                "max DD", "avg hold"));
        for (JsonNode c : cards) {
            say(String.format("%-10s %6d %8s %12s %8s %12s %12s %6s min", c.path("name").asText(), c.path("trades").asInt(),
                    figure(c, "winRatePct"), figure(c, "totalPnl"), figure(c, "profitFactor"), figure(c, "expectancy"),
                    figure(c, "maxDrawdown"), figure(c, "averageHoldingMinutes")));
        }
    }

    /** A figure of a scorecard, or "-" where there is none (no losing trade: no profit factor). */
    static String figure(JsonNode card, String name) {
        JsonNode value = card.path(name);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    /** The body of a local service's answer to GET {@code path}; an IOException naming the path when it is not a 2xx. */
    static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " on port " + port + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static void printSummary(Map<String, Object> summary) {
        System.out.println("\n=== AlphaStocks Streams run summary ===");
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
        summary.forEach((key, value) -> System.out.printf("  %-" + width + "s  %s%n", key, value));
    }
}
