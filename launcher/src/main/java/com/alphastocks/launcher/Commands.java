package com.alphastocks.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** The launcher's commands, each with its options and its part of the usage; {@link Main} is their table. */
final class Commands {

    private Commands() {
    }

    @Command(name = "run", header = "a trading day through the whole pipeline on a local broker, and its summary",
            description = "start a local Kafka broker, the five services and the sample strategies, replay a trading day "
                    + "(the bundled sample, or --ticks FILE) through them and print a summary")
    static final class Run implements Callable<Integer> {
        @Option(names = "--ticks", paramLabel = "FILE", description = "the day's ticks (CSV) instead of the bundled sample")
        Path ticks;
        @Option(names = "--signals", paramLabel = "FILE", description = "send your signals (CSV) instead of the sample strategies'")
        Path signals;
        @Option(names = "--speed", paramLabel = "N|max", description = "times exchange time (default 600; max: as fast as it goes)")
        String speed;
        @Option(names = "--wire", paramLabel = "embedded|registry", description = "registry writes every event through a schema registry (a local Apicurio Registry "
                + "the run starts, or alphastocks.registry.url given with --set)")
        String wire;
        @Option(names = "--json", paramLabel = "FILE", description = "also write the summary to FILE")
        Path json;
        @Option(names = "--trades", paramLabel = "FILE", description = "write one CSV row per closed position")
        Path trades;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "give every service a setting (e.g. alphastocks.executor.mode=BALANCED)")
        List<String> settings = new ArrayList<>();
        @Option(names = "--stay", description = "keep the services (and the dashboard) up after the summary, until Ctrl-C")
        boolean stay;
        @Option(names = "--resume", description = "carry on the last run (stopped by Ctrl-C) instead of starting clean")
        boolean resume;
        @Option(names = "--containers", description = "run it on the local compose stack (images built by ./alphastocks images) "
                + "instead of processes: the same day, the same summary")
        boolean containers;

        @Override
        public Integer call() {
            return new RunCommand(Home.fromSystemProperty(), RunOptions.of(this)).call();
        }
    }

    @Command(name = "images", header = "every service, the broker, the feed and the strategy runner as images",
            description = "every service, the broker, the market feed and the strategy runner as images (Jib), loaded into "
                    + "Docker or Podman; on Podman the base is a local Debian JRE image made by "
                    + "containers/base-image.sh, on Docker eclipse-temurin:17-jre (run by the script: it needs the "
                    + "container engine)")
    static final class Images extends ByTheScript {
        @Option(names = "--base", paramLabel = "IMAGE", description = "the base image (or tar://FILE)")
        String base;
    }

    @Command(name = "up", header = "the local compose stack, started in order, the market feed playing",
            description = "the local compose stack (docker-compose.local.yml: host network, 127.0.0.1): broker, five "
                    + "services and strategy runner, each started once the ones before it are healthy, then the market "
                    + "feed playing the sample day at 60x")
    static final class Up implements Callable<Integer> {
        @Option(names = "--no-feed", description = "without the market feed")
        boolean noFeed;

        @Override
        public Integer call() {
            return ComposeCommands.call(Home.fromSystemProperty(), "up", !noFeed);
        }
    }

    @Command(name = "down", header = "stop and remove the local compose stack's containers")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() {
            return ComposeCommands.call(Home.fromSystemProperty(), "down", false);
        }
    }

    @Command(name = "ps", header = "the local compose stack's containers, their state and health")
    static final class Ps implements Callable<Integer> {
        @Override
        public Integer call() {
            return ComposeCommands.call(Home.fromSystemProperty(), "ps", false);
        }
    }

    @Command(name = "logs", header = "the local compose stack's logs",
            description = "the local compose stack's logs (docker-compose logs; run by the script)")
    static final class Logs extends ByTheScript {
        @Parameters(paramLabel = "SERVICE", arity = "0..1", description = "one service's")
        String service;
    }

    @Command(name = "faults", header = "the trading day with faults injected, then checked: nothing lost, nothing twice",
            description = "the trading day of run with faults injected while it plays (each service and the strategy runner "
                    + "killed with kill -9 and restarted, the broker restarted), then checked: nothing lost, no order "
                    + "or exit twice, every count matching; a notification channel down and its dead letters replayed; "
                    + "bad inputs everywhere")
    static final class Faults implements Callable<Integer> {
        @Option(names = "--quick", description = "the faults at a higher speed, without the second broker restart")
        boolean quick;
        @Option(names = "--json", paramLabel = "FILE", description = "the report as JSON")
        Path json;
        @Option(names = "--baseline", paramLabel = "TRADES.csv", description = "the trades of an undisturbed run (run --trades FILE) to compare with")
        Path baseline;

        @Override
        public Integer call() {
            if (baseline != null && !Files.isReadable(baseline)) {
                throw new Main.UsageException("cannot read " + baseline);
            }
            return new FaultsCommand(Home.fromSystemProperty(), quick, json, baseline).call();
        }
    }

    @Command(name = "bench", header = "the benchmarks, each on a fresh local stack, and one table of their figures",
            description = "the benchmarks, each on a fresh local stack, and one table of their figures (options: "
                    + "./alphastocks bench --help)")
    static final class Bench extends HandedOn {
        Bench() {
            super("com.alphastocks.bench.BenchSuite");
        }
    }

    @Command(name = "scale", header = "3 brokers, two instances of every service, one of each killed under load",
            description = "a 3-broker cluster and two instances of every service under load; one broker and one instance of "
                    + "each killed: nothing lost or doubled, the groups rebalanced (options: ./alphastocks scale "
                    + "--help)")
    static final class Scale extends HandedOn {
        Scale() {
            super("com.alphastocks.bench.ScaleOut");
        }
    }

    @Command(name = "events", header = "the last N events of a type, oldest first",
            description = "the last N events of a type (default 20), e.g. position-closed, oldest first")
    static final class Events extends Ops {
        @Parameters(paramLabel = "TYPE", arity = "0..*", description = "an event type, e.g. position-closed, signal-generated")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            // A wrong type is told at once, before any broker is started to look.
            String type = single(words, "events needs an event type, e.g. events position-closed");
            OpsCommands.topicOf(type);
            return look("events", ops -> ops.events(type, count()));
        }
    }

    @Command(name = "dlq", header = "the dead letters: list them, or replay them to their topic",
            description = "list [-n N]: the last N dead letters: source, service, reason, attempts, replayed or not; replay "
                    + "ID...|--all: send DLQ records (ID = partition:offset, as dlq list shows) back to their topic, "
                    + "once each")
    static final class Dlq extends Ops {
        @Parameters(paramLabel = "list|replay ID", arity = "0..*", description = "list, or replay and the ids of the records")
        List<String> words = new ArrayList<>();
        @Option(names = "--all", description = "replay every dead letter not replayed yet")
        boolean all;

        @Override
        public Integer call() {
            String what = words.isEmpty() ? "" : words.get(0);
            List<String> ids = words.subList(Math.min(1, words.size()), words.size());
            switch (what) {
                case "list" -> {
                    return look("dlq", ops -> ops.dlqList(count()));
                }
                case "replay" -> {
                    if (ids.isEmpty() == !all) {
                        throw new Main.UsageException("dlq replay needs record ids (partition:offset) or --all, not both");
                    }
                    return look("dlq", ops -> ops.dlqReplay(ids, all));
                }
                default -> throw new Main.UsageException("dlq needs list or replay");
            }
        }
    }

    @Command(name = "lag", header = "consumer lag per group and topic")
    static final class Lag extends Ops {
        @Override
        public Integer call() {
            return look("lag", OpsCommands::lag);
        }
    }

    @Command(name = "positions", header = "the positions of the stack that is up: entry, stop, target, P&L",
            description = "the positions of the stack that is up (run --stay, up): entry, stop, target, P&L")
    static final class Positions extends Desk {
        @Option(names = "--status", paramLabel = "open|closed", description = "only the open or the closed ones")
        String status;

        @Override
        public Integer call() {
            if (status != null && !status.equals("open") && !status.equals("closed")) {
                throw new Main.UsageException("--status is open or closed, not " + status);
            }
            return act("positions", desk -> desk.positions(status));
        }
    }

    @Command(name = "close", header = "close an open position at the market")
    static final class Close extends Desk {
        @Parameters(paramLabel = "POSITION_ID", arity = "0..*", description = "as positions --status open shows it")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            String position = single(words, "close needs one position id (./alphastocks positions --status open lists them)");
            return act("close", desk -> desk.close(position));
        }
    }

    @Command(name = "kill-switch", header = "the executor's kill switch: shown, or on or off",
            description = "the executor's kill switch: shown, or on (new entries refused, exits go on) or off")
    static final class KillSwitch extends Desk {
        @Parameters(paramLabel = "on|off", arity = "0..*", description = "on: new entries refused, exits go on; off: trading again")
        List<String> words = new ArrayList<>();
        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the event and the notification")
        String reason;

        @Override
        public Integer call() {
            if (words.size() > 1 || (words.size() == 1 && !words.get(0).equals("on") && !words.get(0).equals("off"))) {
                throw new Main.UsageException("kill-switch takes on or off (or nothing, to show it), not " + String.join(" ", words));
            }
            Boolean on = words.isEmpty() ? null : words.get(0).equals("on");
            if (on == null && reason != null) {
                throw new Main.UsageException("--reason goes with kill-switch on or off");
            }
            return act("kill-switch", desk -> desk.killSwitch(on, reason));
        }
    }

    @Command(name = "trading-state", header = "the desk's trading state: shown, or set",
            description = "the desk's trading state: shown, or set: ACTIVE (entries and exits), REDUCING (exits only) or "
                    + "HALTED (the kill switch); each change is an event and a notification")
    static final class TradingState extends Desk {
        @Parameters(paramLabel = "ACTIVE|REDUCING|HALTED", arity = "0..*", description = "the state to set")
        List<String> words = new ArrayList<>();
        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the event and the notification")
        String reason;

        @Override
        public Integer call() {
            String state = words.size() == 1 ? words.get(0).toUpperCase(Locale.ROOT) : null;
            if (words.size() > 1 || (state != null && !List.of("ACTIVE", "REDUCING", "HALTED").contains(state))) {
                throw new Main.UsageException("trading-state takes ACTIVE, REDUCING or HALTED (or nothing, to show it), not "
                        + String.join(" ", words));
            }
            if (state == null && reason != null) {
                throw new Main.UsageException("--reason goes with a state to set");
            }
            return act("trading-state", desk -> desk.tradingState(state, reason));
        }
    }

    private static String single(List<String> words, String missing) {
        if (words.size() != 1) {
            throw new Main.UsageException(missing);
        }
        return words.get(0);
    }

    /** events, dlq and lag: a look at a cluster's topics. */
    abstract static class Ops implements Callable<Integer> {
        @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the cluster (default: ALPHASTOCKS_BOOTSTRAP, else the local run's)")
        String bootstrap;
        @Option(names = "--registry", paramLabel = "URL", description = "the schema registry of registry-framed events (its v3 API)")
        String registry = System.getenv("ALPHASTOCKS_REGISTRY_URL");
        @Option(names = "-n", paramLabel = "N", description = "how many (default 20)")
        String n;

        int count() {
            if (n == null) {
                return 20;
            }
            int count;
            try {
                count = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new Main.UsageException("-n needs a number, not '" + n + "'");
            }
            if (count < 1) {
                throw new Main.UsageException("-n needs a number of at least 1, not " + count);
            }
            return count;
        }

        interface Look {
            void on(OpsCommands ops) throws Exception;
        }

        int look(String command, Look look) {
            count();
            try (Cluster cluster = Cluster.open(Home.fromSystemProperty(), bootstrap)) {
                look.on(new OpsCommands(cluster.bootstrap(), com.alphastocks.streams.wire.WireSettings.of("embedded", registry), System.out));
                return 0;
            } catch (Main.UsageException e) {
                throw e;
            } catch (Exception e) {
                System.err.println("alphastocks " + command + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** positions, close, kill-switch and trading-state: the trader's controls over the stack that is up. */
    abstract static class Desk implements Callable<Integer> {
        interface Act {
            void on(DeskCommands desk) throws Exception;
        }

        int act(String command, Act act) {
            try {
                act.on(new DeskCommands(RunHandle.find(Home.fromSystemProperty(), System.getenv()), System.out));
                return 0;
            } catch (Exception e) {
                System.err.println("alphastocks " + command + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** A command the script runs itself (it needs the container engine's environment), listed here for the usage. */
    abstract static class ByTheScript implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new Main.UsageException("this command is run by ./alphastocks (it sets up the container engine first)");
        }
    }

    /** A command of the benchmarks' jar: its options go to it as they are, and so does {@code --help}. */
    abstract static class HandedOn implements Callable<Integer> {
        private final String mainClass;
        @Unmatched
        List<String> args = new ArrayList<>();

        HandedOn(String mainClass) {
            this.mainClass = mainClass;
        }

        @Override
        public Integer call() throws Exception {
            Home home = Home.fromSystemProperty();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dalphastocks.home=" + home.root(), "-cp", home.benchJar().toString(), mainClass));
            command.addAll(args);
            Process process = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return process.waitFor();
        }
    }
}
