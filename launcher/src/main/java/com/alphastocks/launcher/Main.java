package com.alphastocks.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.alphastocks.streams.wire.WireSettings;

/** The Java side of {@code ./alphastocks}: one launcher for local work. */
public final class Main {

    static final String USAGE = """
            usage: ./alphastocks COMMAND [OPTIONS]

            commands:
              run [--ticks FILE] [--signals FILE] [--speed N|max] [--wire embedded|registry] [--json FILE] [--trades FILE]
                  [--set KEY=VALUE]... [--stay] [--resume] [--containers]
                                  start a local Kafka broker, the five services and the sample strategies, replay
                                  a trading day (the bundled sample, or --ticks FILE) through them and print a
                                  summary. --signals FILE sends your signals instead of the sample strategies';
                                  --speed times exchange time (default 600; max: as fast as it goes); --json
                                  also writes the summary to FILE; --trades writes one CSV row per closed
                                  position; --set gives every service a setting (e.g. alphastocks.executor.mode=BALANCED);
                                  --wire registry writes every event through a schema registry (a local Apicurio
                                  Registry the run starts, or alphastocks.registry.url given with --set);
                                  --stay keeps the services (and the dashboard) up after the summary, until Ctrl-C;
                                  --resume carries on the last run (stopped by Ctrl-C) instead of starting clean
                                  --containers runs it on the local compose stack (images built by ./alphastocks images)
                                  instead of processes: the same day, the same summary
              images [--base IMAGE]
                                  every service, the broker, the market feed and the strategy runner as images
                                  (Jib), loaded into Docker or Podman; on Podman the base is a local Debian JRE
                                  image made by containers/base-image.sh, on Docker eclipse-temurin:17-jre
              up [--no-feed]      the local compose stack (docker-compose.local.yml: host network, 127.0.0.1):
                                  broker, five services and strategy runner, each started once the ones before it
                                  are healthy, then the market feed playing the sample day at 60x
              down                stop and remove the local compose stack's containers
              ps                  its containers, their state and health
              logs [SERVICE]      their logs (docker-compose logs)
              faults [--quick] [--json FILE] [--baseline TRADES.csv]
                                  the trading day of run with faults injected while it plays (each service and
                                  the strategy runner killed with kill -9 and restarted, the broker restarted),
                                  then checked: nothing lost, no order or exit twice, every count matching; a
                                  notification channel down and its dead letters replayed; bad inputs everywhere
              bench [--quick] [--json FILE]
                                  the benchmarks, each on a fresh local stack, and one table of their figures
              scale [--quick] [--rate N] [--seconds S] [--json FILE]
                                  a 3-broker cluster and two instances of every service under load; one broker
                                  and one instance of each killed: nothing lost or doubled, the groups rebalanced
              events TYPE [-n N]  the last N events of a type (default 20), e.g. position-closed, oldest first
              dlq list [-n N]     the last N dead letters: source, service, reason, attempts, replayed or not
              dlq replay ID...|--all
                                  send DLQ records (ID = partition:offset, as dlq list shows) back to their topic, once each
              lag                 consumer lag per group and topic
              positions [--status open|closed]
                                  the positions of the stack that is up (run --stay, up): entry, stop, target, P&L
              close POSITION_ID   close an open position at the market
              kill-switch [on|off] [--reason TEXT]
                                  the executor's kill switch: shown, or on (new entries refused, exits go on) or off
              trading-state [ACTIVE|REDUCING|HALTED] [--reason TEXT]
                                  the desk's trading state: shown, or set: ACTIVE (entries and exits), REDUCING (exits
                                  only) or HALTED (the kill switch); each change is an event and a notification
              help                this text

            events, dlq and lag look at --bootstrap HOST:PORT (or ALPHASTOCKS_BOOTSTRAP) when given, else at the
            local run: its broker while it runs, or a broker started on the data it left in .run/kafka. events reads
            registry-framed events through --registry URL (or ALPHASTOCKS_REGISTRY_URL: the registry's v3 API).
            positions, close, kill-switch and trading-state talk to the services a run (--stay) or up keeps, as .run/services says, with
            the key in .run/api-key (owner-only; the header X-API-Key of every write endpoint); for another deployment
            ALPHASTOCKS_<SERVICE>_URL (e.g. ALPHASTOCKS_POSITION_SERVICE_URL) and ALPHASTOCKS_API_KEY.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            int status = switch (command) {
                case "run" -> new RunCommand(Home.fromSystemProperty(), RunOptions.parse(options)).call();
                case "events", "dlq", "lag" -> ops(command, new OpsOptions(options));
                case "faults" -> faults(options);
                case "positions", "close", "kill-switch", "trading-state" -> desk(command, options);
                case "up", "down", "ps" -> ComposeCommands.call(Home.fromSystemProperty(), command, options);
                case "help", "--help", "-h" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
            System.exit(status);
        } catch (UsageException e) {
            System.err.println("alphastocks: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        }
    }

    private static int faults(List<String> options) {
        boolean quick = false;
        Path json = null;
        Path baseline = null;
        for (int i = 0; i < options.size(); i++) {
            switch (options.get(i)) {
                case "--quick" -> quick = true;
                case "--baseline" -> {
                    if (++i >= options.size()) {
                        throw new UsageException("--baseline needs the trades file of an undisturbed run (run --trades FILE)");
                    }
                    baseline = Path.of(options.get(i));
                    if (!java.nio.file.Files.isReadable(baseline)) {
                        throw new UsageException("cannot read " + baseline);
                    }
                }
                case "--json" -> {
                    if (++i >= options.size()) {
                        throw new UsageException("--json needs a file name");
                    }
                    json = Path.of(options.get(i));
                }
                default -> throw new UsageException("unknown option '" + options.get(i) + "' for faults");
            }
        }
        return new FaultsCommand(Home.fromSystemProperty(), quick, json, baseline).call();
    }

    private static int ops(String command, OpsOptions options) {
        if (command.equals("events")) {
            // A wrong type is told at once, before any broker is started to look.
            OpsCommands.topicOf(options.single("events needs an event type, e.g. events position-closed"));
        }
        try (Cluster cluster = Cluster.open(Home.fromSystemProperty(), options.bootstrap)) {
            OpsCommands ops = new OpsCommands(cluster.bootstrap(), WireSettings.of("embedded", options.registry), System.out);
            switch (command) {
                case "events" -> ops.events(options.single("events needs an event type, e.g. events position-closed"), options.count);
                case "lag" -> ops.lag();
                default -> {
                    String what = options.words.isEmpty() ? "" : options.words.get(0);
                    switch (what) {
                        case "list" -> ops.dlqList(options.count);
                        case "replay" -> {
                            List<String> ids = options.words.subList(1, options.words.size());
                            if (ids.isEmpty() == !options.all) {
                                throw new UsageException("dlq replay needs record ids (partition:offset) or --all, not both");
                            }
                            ops.dlqReplay(ids, options.all);
                        }
                        default -> throw new UsageException("dlq needs list or replay");
                    }
                }
            }
            return 0;
        } catch (UsageException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("alphastocks " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** positions, close, kill-switch and trading-state: the trader's controls over the stack that is up. */
    static int desk(String command, List<String> options) {
        String status = null;
        String reason = null;
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--status") && command.equals("positions")) {
                status = RunOptions.value(options, ++i, option, "open or closed");
                if (!status.equals("open") && !status.equals("closed")) {
                    throw new UsageException("--status is open or closed, not " + status);
                }
            } else if (option.equals("--reason") && (command.equals("kill-switch") || command.equals("trading-state"))) {
                reason = RunOptions.value(options, ++i, option, "a text");
            } else if (option.startsWith("-")) {
                throw new UsageException("unknown option '" + option + "' for " + command);
            } else {
                words.add(option);
            }
        }
        Boolean on = null;
        switch (command) {
            case "positions" -> {
                if (!words.isEmpty()) {
                    throw new UsageException("positions takes no arguments, only --status open|closed");
                }
            }
            case "close" -> {
                if (words.size() != 1) {
                    throw new UsageException("close needs one position id (./alphastocks positions --status open lists them)");
                }
            }
            case "trading-state" -> {
                if (words.size() > 1 || (words.size() == 1 && !List.of("ACTIVE", "REDUCING", "HALTED").contains(words.get(0).toUpperCase(java.util.Locale.ROOT)))) {
                    throw new UsageException("trading-state takes ACTIVE, REDUCING or HALTED (or nothing, to show it), not " + String.join(" ", words));
                }
                if (words.isEmpty() && reason != null) {
                    throw new UsageException("--reason goes with a state to set");
                }
            }
            default -> {
                if (words.size() > 1 || (words.size() == 1 && !words.get(0).equals("on") && !words.get(0).equals("off"))) {
                    throw new UsageException("kill-switch takes on or off (or nothing, to show it), not " + String.join(" ", words));
                }
                on = words.isEmpty() ? null : words.get(0).equals("on");
                if (on == null && reason != null) {
                    throw new UsageException("--reason goes with kill-switch on or off");
                }
            }
        }
        try {
            DeskCommands desk = new DeskCommands(RunHandle.find(Home.fromSystemProperty(), System.getenv()), System.out);
            switch (command) {
                case "positions" -> desk.positions(status);
                case "close" -> desk.close(words.get(0));
                case "trading-state" -> desk.tradingState(words.isEmpty() ? null : words.get(0).toUpperCase(java.util.Locale.ROOT), reason);
                default -> desk.killSwitch(on, reason);
            }
            return 0;
        } catch (Exception e) {
            System.err.println("alphastocks " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** Options of events, dlq and lag. */
    static final class OpsOptions {
        final List<String> words = new java.util.ArrayList<>();
        String bootstrap;
        /** The schema registry to read registry-framed events through (its v3 API). */
        String registry = System.getenv("ALPHASTOCKS_REGISTRY_URL");
        int count = 20;
        boolean all;

        OpsOptions(List<String> options) {
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                switch (option) {
                    case "--bootstrap" -> bootstrap = value(options, ++i, option);
                    case "--registry" -> registry = value(options, ++i, option);
                    case "-n" -> {
                        String n = value(options, ++i, option);
                        try {
                            count = Integer.parseInt(n);
                        } catch (NumberFormatException e) {
                            throw new UsageException("-n needs a number, not '" + n + "'");
                        }
                        if (count < 1) {
                            throw new UsageException("-n needs a number of at least 1, not " + count);
                        }
                    }
                    case "--all" -> all = true;
                    default -> {
                        if (option.startsWith("-")) {
                            throw new UsageException("unknown option '" + option + "'");
                        }
                        words.add(option);
                    }
                }
            }
        }

        String single(String missing) {
            if (words.size() != 1) {
                throw new UsageException(missing);
            }
            return words.get(0);
        }

        private static String value(List<String> options, int i, String option) {
            if (i >= options.size()) {
                throw new UsageException(option + " needs a value");
            }
            return options.get(i);
        }
    }

    /** A command line that cannot be run as given. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
