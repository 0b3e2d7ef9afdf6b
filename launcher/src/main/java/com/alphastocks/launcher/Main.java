package com.alphastocks.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The Java side of {@code ./alphastocks}: one launcher for local work. */
public final class Main {

    static final String USAGE = """
            usage: ./alphastocks COMMAND [OPTIONS]

            commands:
              run [--json FILE] [--trades FILE]
                                  start a local Kafka broker and the services, carry a signal through the
                                  pipeline and print a summary (--json also writes it to FILE; --trades writes
                                  one CSV row per closed position)
              events TYPE [-n N]  the last N events of a type (default 20), e.g. position-closed, oldest first
              dlq list [-n N]     the last N dead letters: source, service, reason, attempts, replayed or not
              dlq replay ID...|--all
                                  send DLQ records (ID = partition:offset, as dlq list shows) back to their topic, once each
              lag                 consumer lag per group and topic
              help                this text

            events, dlq and lag look at --bootstrap HOST:PORT (or ALPHASTOCKS_BOOTSTRAP) when given, else at the
            local run: its broker while it runs, or a broker started on the data it left in .run/kafka.
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

    private static int ops(String command, OpsOptions options) {
        if (command.equals("events")) {
            // A wrong type is told at once, before any broker is started to look.
            OpsCommands.topicOf(options.single("events needs an event type, e.g. events position-closed"));
        }
        try (Cluster cluster = Cluster.open(Home.fromSystemProperty(), options.bootstrap)) {
            OpsCommands ops = new OpsCommands(cluster.bootstrap(), System.out);
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

    /** Options of events, dlq and lag. */
    static final class OpsOptions {
        final List<String> words = new java.util.ArrayList<>();
        String bootstrap;
        int count = 20;
        boolean all;

        OpsOptions(List<String> options) {
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                switch (option) {
                    case "--bootstrap" -> bootstrap = value(options, ++i, option);
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

    /** Options of {@code run}. */
    record RunOptions(Path json, Path trades) {
        static RunOptions parse(List<String> options) {
            Path json = null;
            Path trades = null;
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                switch (option) {
                    case "--json", "--trades" -> {
                        if (i + 1 >= options.size()) {
                            throw new UsageException(option + " needs a file name");
                        }
                        Path file = Path.of(options.get(++i));
                        if (option.equals("--json")) {
                            json = file;
                        } else {
                            trades = file;
                        }
                    }
                    default -> throw new UsageException("unknown option '" + option + "' for run");
                }
            }
            return new RunOptions(json, trades);
        }
    }
}
