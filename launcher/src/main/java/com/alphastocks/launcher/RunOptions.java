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

    static RunOptions parse(List<String> options) {
        Path json = null;
        Path trades = null;
        Path ticks = null;
        Path signals = null;
        double speed = DEFAULT_SPEED;
        Map<String, String> settings = new LinkedHashMap<>();
        boolean stay = false;
        boolean resume = false;
        boolean containers = false;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--json" -> json = Path.of(value(options, ++i, option, "a file name"));
                case "--trades" -> trades = Path.of(value(options, ++i, option, "a file name"));
                case "--ticks" -> ticks = Path.of(value(options, ++i, option, "a file name"));
                case "--signals" -> signals = Path.of(value(options, ++i, option, "a file name"));
                case "--speed" -> speed = speed(value(options, ++i, option, "a number or max"));
                case "--set" -> {
                    String setting = value(options, ++i, option, "key=value");
                    int eq = setting.indexOf('=');
                    if (eq < 1) {
                        throw new Main.UsageException("--set needs key=value, not '" + setting + "'");
                    }
                    settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
                case "--stay" -> stay = true;
                case "--resume" -> resume = true;
                case "--containers" -> containers = true;
                case "--wire" -> settings.put(WireMode.CONFIG, value(options, ++i, option, "embedded or registry"));
                default -> throw new Main.UsageException("unknown option '" + option + "' for run");
            }
        }
        for (Path input : java.util.Arrays.asList(ticks, signals)) {
            if (input != null && !java.nio.file.Files.isReadable(input)) {
                throw new Main.UsageException("cannot read " + input);
            }
        }
        if (settings.containsKey(WireMode.CONFIG)) {
            settings.put(WireMode.CONFIG, wire(settings.get(WireMode.CONFIG)));
        }
        if (containers && WireMode.from(settings.get(WireMode.CONFIG)) == WireMode.REGISTRY) {
            throw new Main.UsageException("the local compose stack runs the embedded wire mode (it has no registry: its image comes from a"
                    + " registry this machine cannot reach); --wire registry runs on processes");
        }
        if (resume && containers) {
            throw new Main.UsageException("--resume carries on a run of processes; the compose stack (--containers) starts clean");
        }
        return new RunOptions(json, trades, ticks, signals, speed, Map.copyOf(settings), stay, resume, containers);
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

    static String value(List<String> options, int i, String option, String what) {
        if (i >= options.size()) {
            throw new Main.UsageException(option + " needs " + what);
        }
        return options.get(i);
    }
}
