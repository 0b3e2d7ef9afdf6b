package com.alphastocks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.alphastocks.launcher.Home;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./alphastocks bench [--quick] [--json FILE]}: the benchmarks one after another on this machine, each on a
 * fresh local stack, then one table of the headline figures (and each benchmark's own figures and set-up). The counts
 * are the benchmarks' defaults, or smaller ones with {@code --quick}.
 */
public final class BenchSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One benchmark: its name, how to run it with the counts it gets, and which of its figures make the headline. */
    private record Part(String name, List<String> fullArgs, List<String> quickArgs, Runner runner, Map<String, String> headline) {
    }

    private interface Runner {
        void run(String[] args) throws Exception;
    }

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> {
                    if (++i == args.length) {
                        usage("--json needs a file name");
                    }
                    json = Path.of(args[i]);
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        List<Part> parts = List.of(
                new Part("broker_limit", List.of("1000000"), List.of("200000"), BrokerLimitBench::main,
                        Map.of("broker_records_per_s", "broker_records_per_s", "record_bytes", "record_bytes")),
                new Part("order_latency", List.of("1000", "30"), List.of("1000", "10"), OrderLatencyBench::main,
                        Map.of("p50_ms", "p50_ms", "p99_ms", "p99_ms", "p999_ms", "p999_ms")),
                new Part("tick_path", List.of("200000"), List.of("50000"), PositionTickBench::main,
                        Map.of("ticks_per_s", "ticks_per_s")),
                new Part("signal_intake", List.of("50000", "5000"), List.of("10000", "1000"), SignalIntakeBench::main,
                        Map.of("signal_intake_per_s", "topic_generated_per_s")),
                new Part("replay", List.of(), List.of(), BenchSuite::replay,
                        Map.of("replay_ticks_per_s", "replay_ticks_per_s", "replay_wall_s", "wall_seconds")));
        Path dir = Files.createTempDirectory("alphastocks-bench-");
        Map<String, Object> headline = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (Part part : parts) {
            System.out.println("\n==> bench " + part.name() + (quick ? " (quick)" : ""));
            Path out = dir.resolve(part.name() + ".json");
            List<String> partArgs = new ArrayList<>(quick ? part.quickArgs() : part.fullArgs());
            partArgs.add(out.toString());
            try {
                part.runner().run(partArgs.toArray(String[]::new));
                JsonNode figures = JSON.readTree(out.toFile());
                part.headline().forEach((key, from) -> headline.put(key, JSON.convertValue(figures.get(from), Object.class)));
                details.put(part.name(), JSON.convertValue(figures, Map.class));
            } catch (Exception e) {
                failed.add(part.name());
                details.put(part.name(), Map.of("error", String.valueOf(e.getMessage())));
                System.out.println("bench " + part.name() + " failed: " + e);
            }
        }
        Map<String, Object> results = new LinkedHashMap<>(headline);
        results.put("quick", quick);
        results.put("details", details);
        results.put("failed", failed);
        // Said with the figures: the latency is one hop so far, the executor's.
        headline.put("latency_hop", "signal.generated -> order.placed at 1,000/s (executor-service alone)");
        BenchReport.report("AlphaStocks Streams benchmarks" + (quick ? " (quick)" : ""), headline, null);
        if (json != null) {
            Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
            System.out.println("  (each benchmark's figures and set-up: " + json + ")");
        }
        System.exit(failed.isEmpty() ? 0 : 1);
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
        figures.put("setup", "./alphastocks run --speed max: broker, five services and the strategy runner as their own JVMs, the "
                + "sample day in lockstep with the trading services at each 5-minute candle (150 pauses); wall time from start to summary, "
                + "the JVMs' start included");
        Files.writeString(out, JSON.writeValueAsString(figures));
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem + "\nusage: ./alphastocks bench [--quick] [--json FILE]");
        System.exit(2);
    }
}
