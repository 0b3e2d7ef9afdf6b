package com.alphastocks.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            List<String> command = new ArrayList<>(List.of(ManagedProcess.JAVA,
                    "-Dalphastocks.home=" + home.root(), "-cp", home.benchJar().toString(), mainClass));
            command.addAll(args);
            Process process = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return process.waitFor();
        }
    }
}
