package com.alphastocks.launcher;

import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.KafkaProducer;

import com.alphastocks.feed.CsvTickSource;
import com.alphastocks.feed.FeedPublisher;
import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.feed.TickCsv;
import com.alphastocks.feed.TickSource;
import com.alphastocks.sdk.StrategyClient;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;

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
    /** The analytics-service's day end (its default unless --set): a day played past it gets its report on day.ended. */
    static final String DAY_END_AT = "alphastocks.analytics.day-end-at";
    static final String DAY_END_DEFAULT = "15:29";

    private final Home home;
    private final RunOptions options;
    private final RunHooks hooks;

    RunCommand(Home home, RunOptions options) {
        this(home, options, new RunHooks() {
        });
    }

    RunCommand(Home home, RunOptions options, RunHooks hooks) {
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
            long lag = new RunSettle(bootstrap, wire, options.signals() == null).settle(fed, settings, stack.httpPort("analytics-service"));
            return new RunReport(home, options, hooks).report(stack, bootstrap, wire, inbox, lag, started);
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
            say(String.format("%,d ticks were published, up to %s: the feed carries on after them", done, RunReport.CLOCK.format(resumeAfter)));
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
                        say(RunReport.CLOCK.format(s.at()) + " " + s.strategy() + ": " + s.signal() + " -> signal " + id);
                    });
            fed = new FeedPublisher(feed, options.speed(), line -> say(line + RunReport.pipeline(analytics)))
                    .publish(hooks.around(source, stack, bootstrap));
            say(fed.ticks() == 0 ? "no ticks left to publish" : String.format("%,d ticks from %s to %s in %.1f s (%s waiting for the pipeline)",
                    fed.ticks(), RunReport.CLOCK.format(fed.firstExchangeTime()), RunReport.CLOCK.format(fed.lastExchangeTime()), fed.wall().toMillis() / 1000.0,
                    lockstep.pausesText()));
        } finally {
            signalClients.values().forEach(StrategyClient::close);
        }
        return fed;
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

    static void step(String text) {
        System.out.println("==> " + text);
    }

    static void say(String text) {
        System.out.println("    " + text);
    }
}
