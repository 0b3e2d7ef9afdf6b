package com.alphastocks.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** events, dlq and lag: a look at a cluster's topics, each with its options; {@link Main} is their table. */
final class OpsCli {

    private OpsCli() {
    }

    @Command(name = "events", header = "the last N events of a type, oldest first",
            description = "the last N events of a type (default 20), e.g. position-closed, oldest first")
    static final class Events extends Ops {
        @Parameters(paramLabel = "TYPE", arity = "0..*", description = "an event type, e.g. position-closed, signal-generated")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            // A wrong type is told at once, before any broker is started to look.
            String type = Main.single(words, "events needs an event type, e.g. events position-closed");
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
}
