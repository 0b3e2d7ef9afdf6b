package com.alphastocks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.alphastocks.launcher.Home;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./alphastocks bench [--quick] [--json FILE]}: the benchmarks one after another on this machine, each on a
 * fresh local stack, then one table of the headline figures (and each benchmark's own figures and set-up). The counts
 * are the benchmarks' defaults, or smaller ones with {@code --quick}; {@code --only NAME} runs just that one (repeatable).
 * The benchmarks of the services' processing run once per guarantee (at_least_once, exactly_once_v2): the headline
 * holds the default guarantee's figures, {@code by_guarantee} both side by side.
 */
@Command(name = "./alphastocks bench", sortOptions = false,
        description = "The benchmarks one after another, each on a fresh local stack, then one table of their figures.")
public final class BenchSuite implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The table's order: the ceiling, the pipeline against it, latency, the tick path, replay, memory. */
    private static final List<String> HEADLINE_ORDER = List.of("broker_records_per_s", "record_bytes", "pipeline_signals_per_s",
            "pipeline_to_broker_ratio", "pipeline_broker_appends_per_s", "pipeline_appends_to_broker_ratio", "p50_ms", "p99_ms", "p999_ms",
            "opened_p50_ms", "opened_p99_ms", "opened_p999_ms", "latency_at_100_per_s", "tick_to_exit_p50_ms", "tick_to_exit_p99_ms",
            "ticks_per_s", "exit_rule_ticks_per_s", "signal_intake_per_s", "replay_ticks_per_s", "replay_wall_s");
    /** The guarantees the processing benchmarks run under, side by side. */
    private static final List<String> GUARANTEES = List.of("at_least_once", "exactly_once_v2");
    private static final String GUARANTEE_SETTING = "service.alphastocks.processing-guarantee";

    /**
     * One benchmark: its name, how to run it with the counts it gets, which of its figures make the headline, and whether
     * it measures the services' processing (then it runs once per guarantee).
     */
    private record Part(String name, List<String> fullArgs, List<String> quickArgs, Runner runner, Map<String, String> headline,
                        boolean byGuarantee) {
        Part(String name, List<String> fullArgs, List<String> quickArgs, Runner runner, Map<String, String> headline) {
            this(name, fullArgs, quickArgs, runner, headline, false);
        }

        /** Full runs only: {@code --quick} leaves it out (no quick args). */
        boolean inQuick() {
            return quickArgs != null;
        }
    }

    private interface Runner {
        void run(String[] args) throws Exception;
    }

    @Option(names = "--quick", description = "smaller counts, and the full-run-only benchmarks left out")
    private boolean quick;
    @Option(names = "--json", paramLabel = "FILE", description = "the figures as JSON")
    private Path json;
    @Option(names = "--only", paramLabel = "NAME", description = "just this benchmark (repeatable)")
    private java.util.Set<String> only = new java.util.HashSet<>();
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    private boolean help;
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchSuite()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Part> parts = List.of(
                new Part("broker_limit", List.of("1000000"), List.of("200000"), BrokerLimitBench::main,
                        Map.of("broker_records_per_s", "broker_records_per_s", "record_bytes", "record_bytes")),
                new Part("pipeline", List.of("100000"), List.of("5000"), PipelineBench::main,
                        Map.of("pipeline_signals_per_s", "pipeline_signals_per_s", "pipeline_broker_appends_per_s", "broker_log_appends_per_s"), true),
                new Part("order_latency", List.of("1000", "30"), List.of("1000", "5"), OrderLatencyBench::main,
                        Map.of("p50_ms", "p50_ms", "p99_ms", "p99_ms", "p999_ms", "p999_ms", "opened_p50_ms", "opened_p50_ms",
                                "opened_p99_ms", "opened_p99_ms", "opened_p999_ms", "opened_p999_ms"), true),
                // A steadier rate: the latency with less of a queue in it.
                new Part("order_latency_at_100_per_s", List.of("100", "20"), List.of("100", "10"), OrderLatencyBench::main,
                        Map.of("p50_ms_at_100_per_s", "p50_ms", "p99_ms_at_100_per_s", "p99_ms",
                                "machine_busy_pct_at_100_per_s", "cpu_while_measured/machine_busy_pct"), true),
                new Part("tick_path", List.of("200000"), List.of("30000"), PositionTickBench::main,
                        Map.of("ticks_per_s", "ticks_per_s"), true),
                new Part("tick_to_exit", List.of("2000", "100"), List.of("500", "100"), TickToExitBench::main,
                        Map.of("tick_to_exit_p50_ms", "tick_to_exit_p50_ms", "tick_to_exit_p99_ms", "tick_to_exit_p99_ms"), true),
                new Part("exit_rules_jmh", List.of("full"), List.of("quick"), BenchSuite::exitRules,
                        Map.of("exit_rule_ticks_per_s", "exit_rule_ticks_per_s")),
                new Part("signal_intake", List.of("50000", "5000"), null, SignalIntakeBench::main,
                        Map.of("signal_intake_per_s", "topic_generated_per_s")),
                new Part("replay", List.of(), null, BenchSuite::replay,
                        Map.of("replay_ticks_per_s", "replay_ticks_per_s", "replay_wall_s", "wall_seconds")));
        List<String> names = parts.stream().map(Part::name).toList();
        only.stream().filter(n -> !names.contains(n)).findFirst()
                .ifPresent(n -> {
                    throw new ParameterException(spec.commandLine(), "no benchmark " + n + " (there are " + String.join(", ", names) + ")");
                });
        Path dir = Files.createTempDirectory("alphastocks-bench-");
        String defaultGuarantee = BenchReport.guarantee();
        Map<String, Map<String, Object>> byGuarantee = new LinkedHashMap<>();
        GUARANTEES.forEach(g -> byGuarantee.put(g, new LinkedHashMap<>()));
        Map<String, Object> headline = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        Map<String, Long> peakRss = new java.util.TreeMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long suiteBegan = System.nanoTime();
        for (Part part : parts) {
            if (!only.isEmpty() && !only.contains(part.name())) {
                continue;
            }
            if (quick && !part.inQuick()) {
                System.out.println("\n==> bench " + part.name() + ": full runs only (--quick leaves it out)");
                continue;
            }
            for (String guarantee : part.byGuarantee() ? GUARANTEES : List.of(defaultGuarantee)) {
                String name = part.byGuarantee() ? part.name() + "@" + guarantee : part.name();
                System.out.println("\n==> bench " + name + (quick ? " (quick)" : ""));
                Path out = dir.resolve(name + ".json");
                List<String> partArgs = new ArrayList<>(quick ? part.quickArgs() : part.fullArgs());
                partArgs.add(out.toString());
                long began = System.nanoTime();
                String before = System.getProperty(GUARANTEE_SETTING);
                System.setProperty(GUARANTEE_SETTING, guarantee);
                try {
                    part.runner().run(partArgs.toArray(String[]::new));
                    seconds.put(name, Math.round((System.nanoTime() - began) / 1e8) / 10.0);
                    JsonNode figures = JSON.readTree(out.toFile());
                    part.headline().forEach((key, from) -> {
                        // A figure by its key, or by its path in the benchmark's JSON (a/b).
                        JsonNode node = figures.at("/" + from);
                        Object figure = node.isMissingNode() ? null : JSON.convertValue(node, Object.class);
                        if (guarantee.equals(defaultGuarantee)) {
                            headline.put(key, figure);
                        }
                        if (part.byGuarantee()) {
                            byGuarantee.get(guarantee).put(key, figure);
                        }
                    });
                    details.put(name, JSON.convertValue(figures, Map.class));
                    if (figures.has("peak_rss_mb")) {
                        figures.get("peak_rss_mb").fields().forEachRemaining(e -> peakRss.merge(e.getKey(), e.getValue().asLong(), Math::max));
                    }
                } catch (Exception e) {
                    failed.add(name);
                    details.put(name, Map.of("error", String.valueOf(e.getMessage())));
                    System.out.println("bench " + name + " failed: " + e);
                } finally {
                    if (before == null) {
                        System.clearProperty(GUARANTEE_SETTING);
                    } else {
                        System.setProperty(GUARANTEE_SETTING, before);
                    }
                }
            }
        }
        nestLatencyAt100(headline);
        byGuarantee.values().forEach(BenchSuite::nestLatencyAt100);
        byGuarantee.values().removeIf(Map::isEmpty);
        if (!byGuarantee.isEmpty()) {
            headline.put("guarantee", defaultGuarantee);
            headline.put("by_guarantee", byGuarantee);
        }
        if (headline.get("pipeline_signals_per_s") instanceof Number pipeline && headline.get("broker_records_per_s") instanceof Number broker) {
            headline.put("pipeline_to_broker_ratio", ratio(pipeline, broker));
            // The same at the broker: what the pipeline appended to its logs per second (~30 records and markers a signal).
            if (headline.get("pipeline_broker_appends_per_s") instanceof Number appends) {
                headline.put("pipeline_appends_to_broker_ratio", ratio(appends, broker));
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        HEADLINE_ORDER.stream().filter(headline::containsKey).forEach(k -> ordered.put(k, headline.get(k)));
        headline.forEach(ordered::putIfAbsent);
        headline.clear();
        headline.putAll(ordered);
        Map<String, Object> results = new LinkedHashMap<>(headline);
        results.put("peak_rss_mb", rssDuringThePipeline(details, peakRss));
        results.put("peak_rss_mb_any_benchmark", peakRss);
        results.put("quick", quick);
        results.put("seconds_by_benchmark", seconds);
        results.put("wall_seconds", Math.round((System.nanoTime() - suiteBegan) / 1e8) / 10.0);
        results.put("details", details);
        results.put("failed", failed);
        headline.put("peak_rss_mb", rssDuringThePipeline(details, peakRss));
        if (headline.containsKey("p50_ms")) {
            headline.put("latency", "p*_ms: a strategy's send -> order.placed; opened_p*_ms: -> position.opened (at 1,000 signals/s)");
        }
        headline.put("seconds_by_benchmark", seconds);
        BenchReport.report("AlphaStocks Streams benchmarks" + (quick ? " (quick)" : "") + ", "
                + Math.round((System.nanoTime() - suiteBegan) / 1e9) + " s", headline, null);
        if (json != null) {
            Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
            System.out.println("  (each benchmark's figures and set-up: " + json + ")");
        }
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * latency_at_100_per_s: {p50_ms, p99_ms, machine_busy_pct}, as the table shows it. The machine's busy share while it was
     * measured goes with it: near 100 %, the figure is mostly the wait for a core.
     */
    private static void nestLatencyAt100(Map<String, Object> figures) {
        if (figures.containsKey("p50_ms_at_100_per_s")) {
            Map<String, Object> at100 = new LinkedHashMap<>();
            at100.put("p50_ms", figures.remove("p50_ms_at_100_per_s"));
            at100.put("p99_ms", figures.remove("p99_ms_at_100_per_s"));
            Object busy = figures.remove("machine_busy_pct_at_100_per_s");
            if (busy != null) {
                at100.put("machine_busy_pct", busy);
            }
            figures.put("latency_at_100_per_s", at100);
        }
    }

    private static java.math.BigDecimal ratio(Number part, Number whole) {
        return java.math.BigDecimal.valueOf(part.doubleValue() / whole.doubleValue()).round(new java.math.MathContext(3));
    }

    /** Peak RSS by process during the pipeline benchmark (the issue's memory figure), else the highest of any benchmark. */
    private static Object rssDuringThePipeline(Map<String, Object> details, Map<String, Long> anyBenchmark) {
        for (Map.Entry<String, Object> part : details.entrySet()) {
            if (part.getKey().startsWith("pipeline") && part.getValue() instanceof Map<?, ?> pipeline && pipeline.get("peak_rss_mb") != null) {
                return pipeline.get("peak_rss_mb");
            }
        }
        return anyBenchmark;
    }

    /** The exit rules alone under JMH (one fork), as ticks judged per second on one core. */
    private static void exitRules(String[] args) throws Exception {
        boolean quick = args[0].equals("quick");
        org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(ExitRulesJmh.class.getName()).forks(1)
                .warmupIterations(quick ? 2 : 3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(quick ? 1 : 2))
                .build();
        org.openjdk.jmh.results.Result<?> score = new org.openjdk.jmh.runner.Runner(options).run().iterator().next().getPrimaryResult();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("exit_rule_ticks_per_s", Math.round(score.getScore()));
        figures.put("error_per_s", Double.isNaN(score.getScoreError()) ? null : Math.round(score.getScoreError()));
        figures.put("setup", "JMH 1.37, ExitRulesJmh.judgeOneTick: ExitEngine.onTick on one open position (CONSERVATIVE rules), prices "
                + "inside its band so nothing exits; 1 fork, " + (quick ? "2 x 1 s warm-up, 3 x 1 s" : "3 x 1 s warm-up, 5 x 2 s")
                + " measured, one thread");
        Files.writeString(Path.of(args[args.length - 1]), JSON.writeValueAsString(figures));
    }

    /** The sample day through the whole pipeline as fast as it goes (the main job at --speed max): a backtest's speed. */
    private static void replay(String[] args) throws Exception {
        Path out = Path.of(args[args.length - 1]);
        Path summary = out.resolveSibling("replay-summary.json");
        Home home = Home.fromSystemProperty();
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dalphastocks.home=" + home.root(), "-jar", home.root().resolve("launcher/target/launcher.jar").toString(),
                "run", "--speed", "max", "--json", summary.toString()).inheritIO().start();
        if (run.waitFor() != 0) {
            throw new IllegalStateException("./alphastocks run --speed max exited with " + run.exitValue());
        }
        JsonNode s = JSON.readTree(summary.toFile());
        double wall = s.get("wall_seconds").asDouble();
        long ticks = s.get("market_ticks").asLong();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("market_ticks", ticks);
        figures.put("wall_seconds", wall);
        figures.put("replay_ticks_per_s", Math.round(ticks / wall));
        figures.put("peak_rss_mb", JSON.convertValue(s.get("peak_rss_mb"), Map.class));
        figures.put("setup", "./alphastocks run --speed max: broker, five services and the strategy runner as their own JVMs, the "
                + "sample day in lockstep with the trading services at each 5-minute candle (150 pauses); wall time from start to summary, "
                + "the JVMs' start included");
        Files.writeString(out, JSON.writeValueAsString(figures));
    }
}
