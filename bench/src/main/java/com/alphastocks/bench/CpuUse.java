package com.alphastocks.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How busy the CPU was over a measured stretch: each process of the stack and the benchmark's own (the load and the
 * measuring), in percent of one core, and the whole machine's busy share where the system tells (Linux /proc/stat).
 * A latency figure taken on a machine that was near 100 % busy is a figure of waiting for a core, not of the hops.
 */
final class CpuUse {

    static final String BENCH = "benchmark (load and measurement)";

    private final Supplier<Map<String, Duration>> stack;
    private final Map<String, Duration> before;
    private final long began = System.nanoTime();
    private final Optional<long[]> machineBefore = machineTicks();

    private CpuUse(Supplier<Map<String, Duration>> stack) {
        this.stack = stack;
        this.before = withBench(stack.get());
    }

    static CpuUse from(Supplier<Map<String, Duration>> stack) {
        return new CpuUse(stack);
    }

    /**
     * Since {@link #from}: {@code by_process} (percent of one core, busiest first), {@code all_processes}, {@code cores}
     * and, where /proc/stat is there, {@code machine_busy_pct} (percent of all cores, whoever used them).
     */
    Map<String, Object> sinceThen() {
        double wallNanos = System.nanoTime() - began;
        Map<String, Duration> after = withBench(stack.get());
        Map<String, BigDecimal> byProcess = new LinkedHashMap<>();
        after.entrySet().stream()
                .filter(e -> before.containsKey(e.getKey()))
                .map(e -> Map.entry(e.getKey(), pct(e.getValue().minus(before.get(e.getKey())).toNanos() / wallNanos)))
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .forEach(e -> byProcess.put(e.getKey(), e.getValue()));
        Map<String, Object> use = new LinkedHashMap<>();
        use.put("by_process_pct_of_one_core", byProcess);
        use.put("all_processes_pct_of_one_core", byProcess.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        use.put("cores", Runtime.getRuntime().availableProcessors());
        machineTicks().flatMap(now -> machineBefore.map(then -> busyShare(then, now))).ifPresent(busy -> use.put("machine_busy_pct", busy));
        return use;
    }

    private static Map<String, Duration> withBench(Map<String, Duration> stack) {
        Map<String, Duration> all = new LinkedHashMap<>(stack);
        ProcessHandle.current().info().totalCpuDuration().ifPresent(cpu -> all.put(BENCH, cpu));
        return all;
    }

    private static BigDecimal pct(double share) {
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP);
    }

    /** The machine's busy share between two readings of /proc/stat's cpu line (idle and iowait count as not busy). */
    static BigDecimal busyShare(long[] then, long[] now) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < now.length; i++) {
            long delta = now[i] - then[i];
            total += delta;
            if (i == 3 || i == 4) {
                idle += delta;
            }
        }
        return total == 0 ? BigDecimal.ZERO : pct((total - idle) / (double) total);
    }

    /** The first line of /proc/stat: the clock ticks all cores spent in user, nice, system, idle, iowait, irq, softirq, steal. */
    private static Optional<long[]> machineTicks() {
        try {
            List<String> fields = List.of(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"));
            if (!fields.get(0).equals("cpu") || fields.size() < 9) {
                return Optional.empty();
            }
            long[] ticks = new long[8];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(fields.get(i + 1));
            }
            return Optional.of(ticks);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
