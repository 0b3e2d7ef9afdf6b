package com.alphastocks.launcher;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.MarketFeedMain;
import com.alphastocks.feed.TickSource;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;

/**
 * {@code ./alphastocks faults [--quick] [--json FILE]}: the main job's trading day with faults injected while it plays
 * — each service and the strategy runner killed with kill -9 and started again on its state, the broker stopped and
 * started on its data — then checked: every signal one outcome, no order or exit twice, nothing lost, every count
 * matching the topics, the pipeline caught up by itself.
 */
final class FaultsCommand implements Callable<Integer> {

    /** What is done to which process, at which market time (IST), and how long after the tick that reaches it. */
    record Fault(LocalTime at, Duration delay, String process, boolean kill) {
        String what() {
            return (kill ? "kill -9 " : "stop and start ") + process;
        }
    }

    /**
     * One fault for each process, at moments that matter on the sample day: the executor just as the first RSI signal
     * (11:40) is on its way, the position-service and the broker while positions are open.
     */
    static final List<Fault> QUICK = List.of(
            new Fault(LocalTime.of(10, 20), Duration.ZERO, "strategy-runner", true),
            new Fault(LocalTime.of(11, 40), Duration.ofMillis(80), "executor-service", true),
            new Fault(LocalTime.of(12, 10), Duration.ZERO, "signal-service", true),
            new Fault(LocalTime.of(12, 40), Duration.ZERO, "position-service", true),
            new Fault(LocalTime.of(13, 10), Duration.ZERO, "analytics-service", true),
            new Fault(LocalTime.of(13, 50), Duration.ZERO, "notification-service", true),
            new Fault(LocalTime.of(14, 48), Duration.ZERO, "kafka", false));
    /** The quick ones and a second round: the services again while positions are open and signals come. */
    static final List<Fault> FULL;

    static {
        List<Fault> full = new ArrayList<>(QUICK);
        full.add(new Fault(LocalTime.of(14, 45), Duration.ofMillis(40), "signal-service", true));
        full.add(new Fault(LocalTime.of(14, 50), Duration.ofMillis(80), "executor-service", true));
        full.add(new Fault(LocalTime.of(14, 55), Duration.ZERO, "position-service", true));
        full.add(new Fault(LocalTime.of(15, 5), Duration.ZERO, "strategy-runner", true));
        full.add(new Fault(LocalTime.of(15, 12), Duration.ZERO, "kafka", true));
        full.sort(java.util.Comparator.comparing(Fault::at));
        FULL = List.copyOf(full);
    }

    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(120);
    /** How long a restarted process's group may take to work off its backlog before the next fault comes anyway. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    private final Home home;
    private final List<Fault> plan;
    private final Path json;
    /** The trades of an undisturbed run of the same day ({@code run --trades}), which the faults must not change; or null. */
    private final Path baseline;

    FaultsCommand(Home home, boolean quick, Path json, Path baseline) {
        this.home = home;
        this.plan = quick ? QUICK : FULL;
        this.json = json;
        this.baseline = baseline;
    }

    @Override
    public Integer call() {
        // The notification channel's outage ends in a replay: its circuit must be closed again by then.
        RunOptions run = new RunOptions(json, null, null, null, RunOptions.DEFAULT_SPEED,
                Map.of("alphastocks.notify.circuit.open-for", ChannelOutage.OPEN_FOR.toString()), false, false, false);
        return new RunCommand(home, run, new Injector()).call();
    }

    /** Injects the plan's faults as the market reaches them, one after another on a thread of their own. */
    private final class Injector implements RunHooks {

        private final ExecutorService faults = Executors.newSingleThreadExecutor(r -> new Thread(r, "fault-injector"));
        private final List<Map<String, Object>> done = Collections.synchronizedList(new ArrayList<>());
        private int next;
        private java.util.concurrent.Future<?> last;
        private LocalStack stack;
        private String bootstrap;
        private List<BadInputs.Tried> badInputs = List.of();
        private ChannelOutage.Result outage;
        private Optional<String> goodAfterPoison = Optional.empty();

        private void awaitLast() {
            if (last == null) {
                return;
            }
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a fault was being injected", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("fault injection failed: " + e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public TickSource around(TickSource ticks, Stack processes, String bootstrap) {
            // The faults kill and restart processes: the suite runs on the process stack only.
            this.stack = (LocalStack) processes;
            this.bootstrap = bootstrap;
            RunCommand.say("faults planned: " + String.join(", ", plan.stream().map(f -> f.at() + " " + f.what()).toList()));
            return new TickSource() {
                @Override
                public Optional<MarketTick> next() {
                    Optional<MarketTick> tick = ticks.next();
                    while (tick.isPresent() && next < plan.size() && !marketTime(tick.get()).isBefore(plan.get(next).at())) {
                        Fault fault = plan.get(next++);
                        // One fault at a time, each at its market time: the feed waits for the one before to be over.
                        awaitLast();
                        last = faults.submit(() -> inject(fault, stack));
                    }
                    return tick;
                }

                @Override
                public void close() {
                    ticks.close();
                }
            };
        }

        private void inject(Fault fault, LocalStack stack) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("market_time", fault.at().toString());
            record.put("fault", fault.what());
            try {
                Thread.sleep(fault.delay().toMillis());
                long started = System.nanoTime();
                if (fault.kill()) {
                    stack.killAndRestart(fault.process(), RESTART_TIMEOUT);
                } else {
                    stack.stopAndRestart(fault.process(), RESTART_TIMEOUT);
                }
                BigDecimal seconds = BigDecimal.valueOf(System.nanoTime() - started, 9).setScale(1, RoundingMode.HALF_UP);
                record.put("recovery_s", seconds);
                // The next fault comes once this one's backlog is worked off, so that each recovery is measured alone: a
                // service restarted while another still catches up shares the two cores with it (the notification-service,
                // killed seconds after the analytics-service came back, was the slowest to start in every run).
                Optional<BigDecimal> caughtUp = awaitCaughtUp(fault.process(), started);
                record.put("caught_up_s", caughtUp.map(Object.class::cast).orElse("not within " + CATCH_UP_TIMEOUT.toSeconds() + " s"));
                RunCommand.say("fault at " + fault.at() + ": " + fault.what() + " — back in " + seconds + " s, caught up "
                        + caughtUp.map(s -> "in " + s + " s").orElse("not within " + CATCH_UP_TIMEOUT.toSeconds() + " s"));
            } catch (Exception e) {
                record.put("error", e.getMessage());
                RunCommand.say("fault at " + fault.at() + ": " + fault.what() + " — did not come back: " + e.getMessage());
            }
            done.add(record);
        }

        /**
         * Waits until the consumer group of the restarted process (a service's is its name; after the broker's restart,
         * every group) has no lag; the seconds since the fault, or empty after {@link #CATCH_UP_TIMEOUT}.
         */
        private Optional<BigDecimal> awaitCaughtUp(String process, long faultStarted) throws InterruptedException {
            String group = process.equals("strategy-runner") ? LocalStack.RUNNER_GROUP : process.replaceFirst("#.*", "");
            long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
            try (LagMeter lag = new LagMeter(bootstrap, "alphastocks-faults-catch-up")) {
                while (System.nanoTime() < deadline) {
                    try {
                        if (lag.measure().stream().filter(l -> process.equals("kafka") || l.group().equals(group))
                                .mapToLong(ConsumerLag::lag).sum() == 0) {
                            return Optional.of(BigDecimal.valueOf(System.nanoTime() - faultStarted, 9).setScale(1, RoundingMode.HALF_UP));
                        }
                    } catch (IllegalStateException brokerAway) {
                        // the broker still coming back: ask again
                    }
                    Thread.sleep(200);
                }
            }
            return Optional.empty();
        }

        @Override
        public void afterFeed(NotificationInbox inbox) throws Exception {
            faults.shutdown();
            if (!faults.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the faults did not finish within 5 minutes");
            }
            RunCommand.step("a failing dependency: the notification channel down while signals come, then back and the DLQ replayed");
            outage = new ChannelOutage(bootstrap, inbox).run();
            RunCommand.step("bad inputs: poison on every inbound topic, wrong signals, bad REST calls");
            BadInputs bad = new BadInputs(bootstrap, stack);
            badInputs = bad.tryAll();
            badInputs.forEach(t -> RunCommand.say((t.answered() ? "answered  " : "NOT ANSWERED  ") + t.input() + " -> " + t.answer()));
            goodAfterPoison = bad.goodSignalAnswered();
            RunCommand.say("a good signal after them: " + goodAfterPoison.orElse("NO OUTCOME"));
        }

        @Override
        public boolean notificationsCounted() {
            return false;
        }

        @Override
        public boolean beforeSummary(String bootstrap, Map<String, Object> summary) {
            Outcomes.Report report;
            String trades;
            try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
                report = Outcomes.read(reader);
                RunSummary.Topics topics = RunSummary.Topics.read(reader);
                trades = TradesCsv.of(topics.closed(), topics.openedBySignal());
            }
            List<String> tradeDifferences = List.of();
            if (baseline != null) {
                try {
                    // The suite's own signals (bad inputs, the outage) are not the strategies' trades.
                    tradeDifferences = TradesCsv.differences(java.nio.file.Files.readString(baseline), trades, Set.of(BadInputs.STRATEGY));
                } catch (java.io.IOException e) {
                    tradeDifferences = List.of("cannot read " + baseline + ": " + e.getMessage());
                }
                summary.put("trades_equal_to_baseline", tradeDifferences.isEmpty());
                if (!tradeDifferences.isEmpty()) {
                    summary.put("trade_differences", tradeDifferences);
                }
            }
            BigDecimal maxRecovery = done.stream().map(d -> d.get("recovery_s")).filter(BigDecimal.class::isInstance)
                    .map(BigDecimal.class::cast).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
            long failed = done.stream().filter(d -> d.containsKey("error")).count();
            summary.put("faults_injected", done.size());
            summary.put("faults", List.copyOf(done));
            summary.put("signals_in", report.signalsIn());
            summary.put("outcomes", report.outcomes());
            summary.put("lost", report.lost());
            summary.put("duplicated_orders", report.duplicatedOrders());
            summary.put("duplicated_exits", report.duplicatedExits());
            summary.put("redelivered_events", report.redeliveredEvents());
            summary.put("max_recovery_s", maxRecovery);
            summary.put("bad_inputs_tried", badInputs.size());
            summary.put("bad_inputs_answered", badInputs.stream().filter(BadInputs.Tried::answered).count());
            summary.put("bad_inputs", badInputs.stream().map(t -> Map.of("input", t.input(), "expected", t.expected(), "answer", t.answer(),
                    "answered", t.answered())).toList());
            summary.put("good_signal_after_bad_inputs", goodAfterPoison.orElse("no outcome"));
            summary.put("channel_outage", outage == null ? Map.of("passed", false) : outage.asJson());
            List<String> secretsLogged = logsHolding(stack.apiKey());
            summary.put("logs_holding_the_api_key", secretsLogged);
            if (!report.problems().isEmpty()) {
                summary.put("problems", report.problems());
            }
            boolean passed = failed == 0 && done.size() == plan.size() && report.lost() == 0 && report.duplicatedOrders() == 0
                    && report.duplicatedExits() == 0 && badInputs.stream().allMatch(BadInputs.Tried::answered) && goodAfterPoison.isPresent()
                    && outage != null && outage.passed() && secretsLogged.isEmpty() && tradeDifferences.isEmpty();
            summary.put("faults_passed", passed);
            return passed;
        }
    }

    /** The processes' logs that hold {@code secret}: none may (keys and tokens come from configuration, never into a log). */
    private List<String> logsHolding(String secret) {
        try (java.util.stream.Stream<Path> logs = java.nio.file.Files.list(home.logs())) {
            return logs.filter(log -> {
                try {
                    // Read byte for byte: an ASCII key is found whatever else the log holds.
                    return java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret);
                } catch (java.io.IOException e) {
                    return true; // a log that cannot be read is not known to be clean
                }
            }).map(log -> log.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of("logs unreadable: " + e.getMessage());
        }
    }

    private static LocalTime marketTime(MarketTick tick) {
        return ZonedDateTime.ofInstant(tick.getExchangeTime(), MarketFeedMain.EXCHANGE).toLocalTime();
    }

}
