package com.alphastocks.launcher;

import static com.alphastocks.streams.Decimals.plain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.feed.CsvTickSource;
import com.alphastocks.feed.FeedPublisher;
import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.feed.TickCsv;
import com.alphastocks.feed.TickSource;
import com.alphastocks.sdk.StrategyClient;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * {@code ./alphastocks run}: the local broker, the five services and the sample strategies' runner as processes;
 * a trading day (the bundled sample, or the user's ticks) replayed onto market.ticks at speed; the strategies (or
 * the user's signals) trading it through signal-, executor- and position-service in paper mode; then the score and
 * a summary whose every count is checked against what the services say.
 */
final class RunCommand implements Callable<Integer> {

    static final List<String> SERVICES = LocalStack.SERVICES;
    /**
     * What the main job sets on top of the services' own defaults (a user's {@code --set} wins). The sample strategies
     * aim at 3 ATR of 5-minute candles, 0.4–0.6 % on the sample day; the executor's CONSERVATIVE minimum expected move
     * (1.5 %, made for swing signals) would filter every one of them, so the run trades intraday moves from 0.4 %.
     */
    static final Map<String, String> RUN_SETTINGS = Map.of(
            "alphastocks.executor.modes.conservative.min-expected-move-pct", "0.4",
            // Bollinger Bands trades reversals (it sells the upper band of a rising market): the trend filter is not its.
            "alphastocks.executor.strategies.BOLLINGER.trend-aligned", "false",
            // The feed waits at each candle until the trading services have committed what they read: commit often.
            "kafka-streams.commit.interval.ms", "100");
    /** The sample strategies' candles. */
    static final Duration CANDLE = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    /** The analytics-service's day end (its default unless --set): a day played past it gets its report on day.ended. */
    static final String DAY_END_AT = "alphastocks.analytics.day-end-at";
    static final String DAY_END_DEFAULT = "15:29";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(MarketFeedMain.EXCHANGE);
    /** Prices stay exact decimals when read from JSON. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** What another command (the fault suite) adds to a run: something done to it while the market plays, and checks. */
    interface Hooks {
        /** The ticks as the feed takes them; a hook may act on the stack as they pass. */
        default TickSource around(TickSource ticks, Stack stack, String bootstrap) {
            return ticks;
        }

        /** After the last tick went out, before the run waits for the services to catch up; the run's notification inbox. */
        default void afterFeed(NotificationInbox inbox) throws Exception {
        }

        /** Whether the notification-service's count since its start is all it sent (not when it was restarted). */
        default boolean notificationsCounted() {
            return true;
        }

        /** Before the summary is printed: may add to it; returns whether the run passed its checks. */
        default boolean beforeSummary(String bootstrap, Map<String, Object> summary) throws Exception {
            return true;
        }
    }

    private final Home home;
    private final Main.RunOptions options;
    private final Hooks hooks;

    RunCommand(Home home, Main.RunOptions options) {
        this(home, options, new Hooks() {
        });
    }

    RunCommand(Home home, Main.RunOptions options, Hooks hooks) {
        this.home = home;
        this.options = options;
        this.hooks = hooks;
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        List<SignalsCsv.TimedSignal> userSignals;
        TickCsv tickFormat = new TickCsv(DayOfWeek.TUESDAY, MarketFeedMain.EXCHANGE);
        try {
            // Bad input is told before anything starts, with the line it is on.
            userSignals = options.signals() == null ? null : SignalsCsv.read(options.signals());
            if (options.ticks() != null) {
                step("checking " + options.ticks());
                say(String.format("%,d ticks", checkTicks(tickFormat)));
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("run: " + e.getMessage());
            return 2;
        }
        String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Stack stack = options.containers() ? new ComposeStack(home, apiKey) : new LocalStack(home, apiKey);
        NotificationInbox inbox = null;
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stopOnCtrlC = new Thread(() -> {
            stopping.set(true);
            System.out.println("\n==> stopping (Ctrl-C): the services, the strategies and the broker");
            RunHandle.withdraw(home);
            stack.close();
        }, "stop-local-stack");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            String bootstrap = startBroker(stack);
            WireSettings wire = options.containers() ? WireSettings.EMBEDDED : wire((LocalStack) stack);
            inbox = new NotificationInbox(home.runDir().resolve("notifications.log"));
            Map<String, String> settings = startServices(stack, wire, inbox, apiKey);
            startStrategies(stack, wire, userSignals);
            FeedPublisher.Result fed = playTheDay(stack, bootstrap, wire, tickFormat, userSignals);
            hooks.afterFeed(inbox);
            long lag = settle(bootstrap, wire, fed, settings, stack.httpPort("analytics-service"));
            return report(stack, bootstrap, wire, inbox, lag, started);
        } catch (Exception e) {
            if (!stopping.get()) {
                System.err.println("\nrun failed: " + e.getMessage());
            }
            return 1;
        } finally {
            step("stopping the services, the strategies and the broker");
            RunHandle.withdraw(home);
            stack.close();
            if (inbox != null) {
                inbox.close();
            }
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        }
    }

    /** The broker: started on fresh data, or on the last run's with {@code --resume}; its bootstrap address. */
    private String startBroker(Stack stack) throws Exception {
        Resume.Input input = Resume.Input.of(options);
        String bootstrap;
        if (options.resume()) {
            LocalStack local = (LocalStack) stack;
            if (!local.hasLastRun()) {
                throw new IllegalArgumentException("nothing to resume: no run left its data in "
                        + home.root().relativize(home.runDir().resolve("kafka")) + "; run without --resume");
            }
            input.checkSameAs(home.runDir());
            step("resuming the last run: the local Kafka broker on its data, the services on their state");
            bootstrap = local.resumeBroker(START_TIMEOUT);
        } else {
            step(options.containers() ? "starting the local compose stack's broker (container " + ComposeStack.PROJECT
                    + "_kafka_1, host network) on fresh data" : "starting the local Kafka broker (KRaft, one node) on fresh data");
            bootstrap = stack.startBroker(START_TIMEOUT);
            input.save(home.runDir());
        }
        say("broker on " + bootstrap + (options.containers() ? ", data in its container"
                : ", data in " + home.root().relativize(home.runDir().resolve("kafka"))));
        return bootstrap;
    }

    /** The five services, with the run's settings (returned) and the notification channel posting to {@code inbox}. */
    private Map<String, String> startServices(Stack stack, WireSettings wire, NotificationInbox inbox, String apiKey) throws Exception {
        step("starting " + String.join(", ", SERVICES) + (options.containers() ? " as containers (images alphastocks/<service>, logs kept in "
                : " (logs in ") + home.root().relativize(home.logs()) + ")");
        Map<String, String> settings = new LinkedHashMap<>(RUN_SETTINGS);
        // No Telegram bot or SMTP server here: the notification-service's webhook channel posts to a local inbox.
        settings.putAll(Map.of("alphastocks.notify.webhook.url", inbox.url(),
                "alphastocks.notify.webhook.per-second", "200", "alphastocks.notify.webhook.burst", "50"));
        settings.putAll(options.settings());
        if (wire.mode() == WireMode.REGISTRY) {
            settings.put(WireMode.CONFIG, "registry");
            settings.put(WireSettings.REGISTRY_URL, wire.registryUrl());
        }
        stack.startServices(SERVICES, START_TIMEOUT, settings, options.resume());
        SERVICES.forEach(s -> say(s + " ready on http://127.0.0.1:" + stack.httpPort(s)));
        settings.forEach((key, value) -> {
            if (!key.startsWith("alphastocks.notify.webhook")) {
                say("setting " + key + "=" + value);
            }
        });
        int analytics = stack.httpPort("analytics-service");
        say("dashboard (live): http://127.0.0.1:" + analytics + "/");
        RunHandle.publish(home, SERVICES, stack::httpPort, apiKey);
        java.nio.file.Path keyFile = home.root().relativize(RunHandle.apiKeyFile(home));
        say("API key for the write endpoints (header X-API-Key) in " + keyFile + " (owner-only): ./alphastocks positions | "
                + "close POSITION_ID | kill-switch on|off | trading-state use it, or curl -H \"X-API-Key: $(cat " + keyFile + ")\" ...");
        return settings;
    }

    /** The sample strategies, unless the user's signals are sent instead. */
    private void startStrategies(Stack stack, WireSettings wire, List<SignalsCsv.TimedSignal> userSignals) throws Exception {
        if (userSignals == null) {
            step("starting the sample strategies (RSI, MACD, Bollinger Bands on 5-minute candles; their own "
                    + (options.containers() ? "container)" : "process)"));
            stack.startStrategyRunner(CANDLE, START_TIMEOUT, wire);
            say("strategy runner reading market.ticks as consumer group " + LocalStack.RUNNER_GROUP);
        } else {
            step(userSignals.size() + " signal(s) from " + options.signals() + ", each sent when the market reaches its time");
        }
    }

    /** The market's day published (after what a resumed run had published), in lockstep with the pipeline. */
    private FeedPublisher.Result playTheDay(Stack stack, String bootstrap, WireSettings wire, TickCsv tickFormat,
                                            List<SignalsCsv.TimedSignal> userSignals) throws Exception {
        int analytics = stack.httpPort("analytics-service");
        Map<String, StrategyClient> signalClients = new HashMap<>();
        FeedPublisher.Result fed;
        String speed = options.speed() == 0 ? "as fast as it goes" : String.format("at up to %,.0f× exchange time", options.speed());
        step("market feed: " + (options.ticks() == null ? "the sample day (synthetic, seed 42, " + MarketFeedMain.SAMPLE_DAY + ")"
                : options.ticks().toString()) + ", " + speed + (userSignals == null ? ", waiting at each 5-minute candle"
                : ", waiting at each signal") + " until the trading services have caught up");
        Map<String, Long> published = options.resume() ? Resume.publishedTicks(bootstrap) : Map.of();
        List<SignalsCsv.TimedSignal> toSend = userSignals;
        if (!published.isEmpty()) {
            Instant resumeAfter;
            try (TickSource day = day(tickFormat)) {
                resumeAfter = Resume.lastPublished(day, published);
            }
            long done = published.values().stream().mapToLong(Long::longValue).sum();
            say(String.format("%,d ticks were published, up to %s: the feed carries on after them", done, CLOCK.format(resumeAfter)));
            if (userSignals != null) {
                // A signal goes out before the first tick at or after its time: those up to the last tick went.
                toSend = userSignals.stream().filter(sig -> sig.at().isAfter(resumeAfter)).toList();
                say((userSignals.size() - toSend.size()) + " of the signals were sent");
            }
        }
        List<SignalsCsv.TimedSignal> signalsToSend = toSend;
        try (KafkaProducer<String, Object> feed = EventClients.producer(bootstrap, wire);
             Lockstep lockstep = new Lockstep(bootstrap, stack.httpPort("executor-service"), userSignals == null);
             TickSource day = Resume.after(day(tickFormat), published)) {
            TickSource source = userSignals == null ? lockstep.byCandle(day, CANDLE, feed::flush)
                    : new TimedSignals(day, signalsToSend, at -> {
                        feed.flush();
                        lockstep.settle(at);
                    }, s -> {
                        String id = signalClients.computeIfAbsent(s.strategy(), name -> StrategyClient.connect(bootstrap, name, wire))
                                .emitSignal(s.signal());
                        say(CLOCK.format(s.at()) + " " + s.strategy() + ": " + s.signal() + " -> signal " + id);
                    });
            fed = new FeedPublisher(feed, options.speed(), line -> say(line + pipeline(analytics)))
                    .publish(hooks.around(source, stack, bootstrap));
            say(fed.ticks() == 0 ? "no ticks left to publish" : String.format("%,d ticks from %s to %s in %.1f s (%s waiting for the pipeline)",
                    fed.ticks(), CLOCK.format(fed.firstExchangeTime()), CLOCK.format(fed.lastExchangeTime()), fed.wall().toMillis() / 1000.0,
                    lockstep.pausesText()));
        } finally {
            signalClients.values().forEach(StrategyClient::close);
        }
        return fed;
    }

    /** Waits until every service has taken in everything, and for the day's report; the consumer lag left. */
    private long settle(String bootstrap, WireSettings wire, FeedPublisher.Result fed, Map<String, String> settings, int analytics)
            throws Exception {
        step("waiting until every service has taken in everything (consumer lag 0)");
        long lag = awaitNoLag(bootstrap);
        if (lag == 0) {
            say("consumer lag 0" + pipeline(analytics));
        }
        if (fed.ticks() > 0 && awaitDayReport(bootstrap, wire, fed.lastExchangeTime(),
                java.time.LocalTime.parse(settings.getOrDefault(DAY_END_AT, DAY_END_DEFAULT)))) {
            lag = awaitNoLag(bootstrap);
        }
        return lag;
    }

    /** The trades, the score and the run's summary (printed, and written where asked); the run's exit status. */
    private int report(Stack stack, String bootstrap, WireSettings wire, NotificationInbox inbox, long lag, long started) throws Exception {
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

    /**
     * How the run's events travel: embedded, or through a schema registry, the user's ({@code --set
     * alphastocks.registry.url=...}) or a local Apicurio Registry the run starts (storage in .run/registry, kept by
     * {@code --resume}).
     */
    private WireSettings wire(LocalStack stack) throws java.io.IOException, InterruptedException {
        if (options.wireMode() != WireMode.REGISTRY) {
            return WireSettings.EMBEDDED;
        }
        String given = options.settings().get(WireSettings.REGISTRY_URL);
        if (given != null && !given.isBlank()) {
            say("wire mode registry: the registry at " + given);
            return WireSettings.registry(given);
        }
        step("starting a schema registry (Apicurio Registry " + com.alphastocks.registry.LocalRegistry.VERSION + ", its own JVM on Java 21+,"
                + " storage in " + home.root().relativize(home.runDir().resolve("registry")) + ")");
        long t0 = System.nanoTime();
        var ports = stack.startRegistry(START_TIMEOUT, options.resume());
        say(String.format("registry on %s (Confluent-compatible API %s), ready in %.1f s", ports.apiUrl(), ports.confluentUrl(),
                (System.nanoTime() - t0) / 1e9));
        return WireSettings.registry(ports.apiUrl());
    }

    /** The day the run replays, from its first tick. */
    private TickSource day(TickCsv format) throws java.io.IOException {
        return options.ticks() == null ? MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 42) : new CsvTickSource(options.ticks(), format);
    }

    /** Reads the whole tick file once, so that a bad line stops the run before it starts. */
    private long checkTicks(TickCsv format) throws java.io.IOException {
        long ticks = 0;
        try (CsvTickSource source = new CsvTickSource(options.ticks(), format)) {
            while (source.next().isPresent()) {
                ticks++;
            }
        }
        if (ticks == 0) {
            throw new IllegalArgumentException(options.ticks() + ": no ticks after the header");
        }
        return ticks;
    }

    /** What the services say they did, for the summary's cross-check. */
    private static RunSummary.ServiceCounts serviceCounts(Stack stack, NotificationInbox inbox) throws Exception {
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
    private static String pipeline(int analyticsPort) {
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
    private static void printTrades(RunSummary.Topics topics) {
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
    private static JsonNode awaitScorecards(int port, long closed) throws Exception {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
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
                + SETTLE_TIMEOUT.toSeconds() + " s: " + cards);
    }

    /**
     * A day played up to its end (on the market's clock) gets its report on day.ended from the analytics-service: waits
     * for it (the summary counts its notification too). False when the day did not reach its end.
     */
    private boolean awaitDayReport(String bootstrap, WireSettings wire, Instant lastTick, java.time.LocalTime dayEnd) {
        java.time.ZonedDateTime last = lastTick.atZone(MarketFeedMain.EXCHANGE);
        if (last.toLocalTime().isBefore(dayEnd)) {
            return false;
        }
        String day = last.toLocalDate().toString();
        step("waiting for the day's report (analytics-service, day.ended " + day + ")");
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap, wire)) {
            boolean there = EventClients.awaitRecord(reader, Topic.DAY_ENDED.topicName(), r -> day.equals(r.key()), SETTLE_TIMEOUT).isPresent();
            say(there ? "reported" : "no report within " + SETTLE_TIMEOUT.toSeconds() + " s");
            return there;
        }
    }

    /**
     * Waits until each of the run's consumer groups (the five services, named as their groups, and the strategy
     * runner) has committed everything on its topics, each group asked for by name (a group the broker does not list
     * at the moment, e.g. while it rejoins, still counts); returns the lag left.
     */
    private long awaitNoLag(String bootstrap) throws Exception {
        Map<String, java.util.Set<String>> groups = new LinkedHashMap<>();
        SERVICES.forEach(service -> groups.put(service, java.util.Set.of()));
        if (options.signals() == null) {
            groups.put(LocalStack.RUNNER_GROUP, java.util.Set.of(Topic.MARKET_TICKS.topicName()));
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<com.alphastocks.streams.lag.ConsumerLag> lags = List.of();
        try (com.alphastocks.streams.lag.LagMeter meter = new com.alphastocks.streams.lag.LagMeter(bootstrap, "alphastocks-run")) {
            while (System.nanoTime() < deadline) {
                try {
                    lags = meter.measure(groups);
                } catch (IllegalStateException brokerAway) {
                    Thread.sleep(500);
                    continue;
                }
                // Every group must be there (members or commits): one that has not joined yet has taken in nothing.
                List<com.alphastocks.streams.lag.ConsumerLag> now = lags;
                boolean allThere = groups.keySet().stream().allMatch(g -> now.stream().anyMatch(l -> l.group().equals(g)));
                if (allThere && now.stream().allMatch(l -> l.lag() == 0)) {
                    return 0;
                }
                Thread.sleep(250);
            }
        }
        List<com.alphastocks.streams.lag.ConsumerLag> last = lags;
        List<String> absent = groups.keySet().stream().filter(g -> last.stream().noneMatch(l -> l.group().equals(g))).toList();
        if (!absent.isEmpty()) {
            say("not in their consumer groups after " + SETTLE_TIMEOUT.toSeconds() + " s: " + String.join(", ", absent));
        }
        long lag = lags.stream().mapToLong(com.alphastocks.streams.lag.ConsumerLag::lag).sum() + absent.size();
        say("consumer lag still " + lag + " after " + SETTLE_TIMEOUT.toSeconds() + " s: " + String.join(", ",
                lags.stream().filter(l -> l.lag() > 0).map(l -> l.group() + " on " + l.topic() + " " + l.lag()).toList()));
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

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void printSummary(Map<String, Object> summary) {
        System.out.println("\n=== AlphaStocks Streams run summary ===");
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
        summary.forEach((key, value) -> System.out.printf("  %-" + width + "s  %s%n", key, value));
    }

    static void step(String text) {
        System.out.println("==> " + text);
    }

    static void say(String text) {
        System.out.println("    " + text);
    }
}
