package com.alphastocks.launcher;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The Java side of {@code ./alphastocks}: one launcher for local work. Its commands are the one dispatch table (every
 * command of the script is here; the script only builds first and sets up a container engine) and its usage the one
 * usage text ({@code ./alphastocks help}, {@code ./alphastocks help COMMAND} or {@code COMMAND --help}).
 */
@Command(name = "./alphastocks", synopsisHeading = "usage: ", customSynopsis = "./alphastocks COMMAND [OPTIONS]",
        commandListHeading = "%ncommands:%n",
        subcommands = {Commands.Run.class, Commands.Images.class, Commands.Up.class, Commands.Down.class, Commands.Ps.class,
                Commands.Logs.class, Commands.Faults.class, Commands.Bench.class, Commands.Scale.class, OpsCli.Events.class,
                OpsCli.Dlq.class, OpsCli.Lag.class, DeskCli.Positions.class, DeskCli.Close.class, DeskCli.KillSwitch.class,
                DeskCli.TradingState.class, CommandLine.HelpCommand.class},
        footer = {"%nevents, dlq and lag look at --bootstrap HOST:PORT (or ALPHASTOCKS_BOOTSTRAP) when given, else at the local "
                + "run: its broker while it runs, or a broker started on the data it left in .run/kafka. events reads "
                + "registry-framed events through --registry URL (or ALPHASTOCKS_REGISTRY_URL: the registry's v3 API).",
                "%npositions, close, kill-switch and trading-state talk to the services a run (--stay) or up keeps, as "
                + ".run/services says, with the key in .run/api-key (owner-only; the header X-API-Key of every write "
                + "endpoint); for another deployment ALPHASTOCKS_<SERVICE>_URL (e.g. ALPHASTOCKS_POSITION_SERVICE_URL) "
                + "and ALPHASTOCKS_API_KEY.",
                "%nEach command's options: ./alphastocks help COMMAND (or COMMAND --help)."})
public final class Main implements Callable<Integer> {

    /** What an option's value is, by its label, for the message when it is missing ("--json needs a file name"). */
    private static final Map<String, String> NEEDS = Map.of(
            "FILE", "a file name",
            "N|max", "a number or max",
            "KEY=VALUE", "key=value",
            "embedded|registry", "embedded or registry",
            "open|closed", "open or closed",
            "TEXT", "a text",
            "TRADES.csv", "the trades file of an undisturbed run (run --trades FILE)",
            "IMAGE", "an image (or tar://FILE)");

    private static final int USAGE_WIDTH = 110;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Spec
    CommandSpec spec;

    /** With no command: the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The launcher's command line: every command, {@code --help} on each but those that hand their options on. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main()).setUsageHelpWidth(USAGE_WIDTH);
        line.getSubcommands().values().stream()
                .filter(sub -> !(sub.getCommand() instanceof Commands.HandedOn))
                .filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(sub -> sub.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("this help").build()));
        line.setParameterExceptionHandler((e, args) -> refuse(e.getCommandLine(), reason(e)));
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException usage) {
                return refuse(command, usage.getMessage());
            }
            throw e;
        });
        return line;
    }

    /** Parses {@code args} as {@code command}'s options, with the launcher's messages for what is wrong. */
    static <T> T parse(T command, List<String> args) {
        CommandLine line = new CommandLine(command);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(reason(e));
        }
        return command;
    }

    /** The reason a command line cannot be run, in the launcher's words. */
    static String reason(ParameterException e) {
        String command = e.getCommandLine().getCommandName();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (e.getCommandLine().getParent() == null && e.getCommandLine().getCommand() instanceof Main) {
                return "unknown command '" + first + "'";
            }
            return first.startsWith("-") ? "unknown option '" + first + "' for " + command : "unexpected '" + first + "' for " + command;
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs " + NEEDS.getOrDefault(option.paramLabel(), "a value");
        }
        return e.getMessage();
    }

    /** What is wrong, the command's synopsis, and where its options are told: exit status 2. */
    private static int refuse(CommandLine command, String reason) {
        PrintWriter err = command.getErr();
        err.println("alphastocks: " + reason);
        err.println();
        err.print(command.getHelp().synopsis(0));
        err.println(command.getCommand() instanceof Main ? "./alphastocks help: every command"
                : "./alphastocks help " + command.getCommandName() + ": every option");
        err.flush();
        return 2;
    }

    /** The one word a command takes, or its message when it has none or more. */
    static String single(List<String> words, String missing) {
        if (words.size() != 1) {
            throw new Main.UsageException(missing);
        }
        return words.get(0);
    }

    /** A command line that cannot be run as given. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
