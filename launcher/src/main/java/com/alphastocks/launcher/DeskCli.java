package com.alphastocks.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** positions, close, kill-switch and trading-state: the trader's controls, each with its options; {@link Main} is their table. */
final class DeskCli {

    private DeskCli() {
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
            String position = Main.single(words, "close needs one position id (./alphastocks positions --status open lists them)");
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
}
