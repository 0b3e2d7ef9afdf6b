package com.alphastocks.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The Java side of {@code ./alphastocks}: one launcher for local work. */
public final class Main {

    static final String USAGE = """
            usage: ./alphastocks COMMAND [OPTIONS]

            commands:
              run [--json FILE]   start a local Kafka broker and the services, carry a signal through the
                                  pipeline and print a summary (--json also writes it to FILE)
              help                this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            int status = switch (command) {
                case "run" -> new RunCommand(Home.fromSystemProperty(), RunOptions.parse(options)).call();
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

    /** A command line that cannot be run as given. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Options of {@code run}. */
    record RunOptions(Path json) {
        static RunOptions parse(List<String> options) {
            Path json = null;
            for (int i = 0; i < options.size(); i++) {
                switch (options.get(i)) {
                    case "--json" -> {
                        if (i + 1 >= options.size()) {
                            throw new UsageException("--json needs a file name");
                        }
                        json = Path.of(options.get(++i));
                    }
                    default -> throw new UsageException("unknown option '" + options.get(i) + "' for run");
                }
            }
            return new RunOptions(json);
        }
    }
}
