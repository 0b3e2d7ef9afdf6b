package com.alphastocks.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.alphastocks.streams.wire.WireMode;

/**
 * Options of {@code run}.
 * @param speed times exchange time the market is replayed at; 0 as fast as it goes
 * @param settings {@code --set key=value}: given to every service (and above the run's own settings)
 */
record RunOptions(Path json, Path trades, Path ticks, Path signals, double speed, Map<String, String> settings, boolean stay,
                  boolean resume, boolean containers) {

    /** The run's wire mode: {@code --wire}, or the {@code alphastocks.wire-mode} setting; embedded by default. */
    WireMode wireMode() {
        return WireMode.from(settings.get(WireMode.CONFIG));
    }

    /** 600 times exchange time: the sample day's 6 h 15 min in under 40 s, slow enough for the strategies to trade on it. */
    static final double DEFAULT_SPEED = 600;

    /** {@code run}'s options from its command line, as {@code ./alphastocks run} takes them. */
    static RunOptions parse(List<String> args) {
        return of(Main.parse(new Commands.Run(), args));
    }

    /** The options of a parsed {@code run}, checked: files readable, a speed, settings as key=value, a wire mode. */
    static RunOptions of(Commands.Run run) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : run.settings) {
            int eq = setting.indexOf('=');
            if (eq < 1) {
                throw new Main.UsageException("--set needs key=value, not '" + setting + "'");
            }
            settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
        }
        if (run.wire != null) {
            settings.put(WireMode.CONFIG, run.wire);
        }
        for (Path input : java.util.Arrays.asList(run.ticks, run.signals)) {
            if (input != null && !java.nio.file.Files.isReadable(input)) {
                throw new Main.UsageException("cannot read " + input);
            }
        }
        double speed = run.speed == null ? DEFAULT_SPEED : speed(run.speed);
        if (settings.containsKey(WireMode.CONFIG)) {
            settings.put(WireMode.CONFIG, wire(settings.get(WireMode.CONFIG)));
        }
        if (run.containers && WireMode.from(settings.get(WireMode.CONFIG)) == WireMode.REGISTRY) {
            throw new Main.UsageException("the local compose stack runs the embedded wire mode (it has no registry: its image comes from a"
                    + " registry this machine cannot reach); --wire registry runs on processes");
        }
        if (run.resume && run.containers) {
            throw new Main.UsageException("--resume carries on a run of processes; the compose stack (--containers) starts clean");
        }
        return new RunOptions(run.json, run.trades, run.ticks, run.signals, speed, Map.copyOf(settings), run.stay, run.resume,
                run.containers);
    }

    private static String wire(String text) {
        try {
            return WireMode.from(text).name().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--wire (alphastocks.wire-mode) needs embedded or registry, not '" + text + "'");
        }
    }

    private static double speed(String text) {
        if (text.equals("max")) {
            return 0;
        }
        try {
            double speed = Double.parseDouble(text);
            if (speed > 0 && Double.isFinite(speed)) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Main.UsageException("--speed needs a positive number (times exchange time) or max, not '" + text + "'");
    }
}
