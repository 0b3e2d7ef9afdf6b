package com.alphastocks.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code ./alphastocks up | down | ps}: the local compose stack for a user to look at and work with (the main job runs
 * on it with {@code run --containers}). {@code logs} goes straight to the compose tool (the shell script).
 */
final class ComposeCommands {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private ComposeCommands() {
    }

    /** up (with the market feed when {@code feed}), down or ps. */
    static int call(Home home, String command, boolean feed) {
        try {
            return switch (command) {
                case "up" -> up(home, feed);
                case "down" -> {
                    new ComposeStack(home, apiKey(home)).down();
                    RunHandle.withdraw(home);
                    System.out.println("==> the local compose stack is down");
                    yield 0;
                }
                default -> {
                    List<String> status = new ComposeStack(home, apiKey(home)).status();
                    if (status.isEmpty()) {
                        System.out.println("no container of the local compose stack (./alphastocks up starts it)");
                    }
                    status.forEach(System.out::println);
                    yield 0;
                }
            };
        } catch (Exception e) {
            System.err.println("alphastocks " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private static int up(Home home, boolean feed) throws Exception {
        long begun = System.nanoTime();
        ComposeStack stack = new ComposeStack(home, apiKey(home));
        try {
            RunCommand.step("the local compose stack (docker-compose.yml + docker-compose.local.yml), each container once the ones before it are healthy");
            String bootstrap = stack.startBroker(START_TIMEOUT);
            RunCommand.say("kafka healthy on " + bootstrap);
            stack.startServices(RunCommand.SERVICES, START_TIMEOUT, RunCommand.RUN_SETTINGS, false);
            RunCommand.SERVICES.forEach(s -> RunCommand.say(s + " healthy on http://127.0.0.1:" + stack.httpPort(s)));
            stack.startStrategyRunner(RunCommand.CANDLE, START_TIMEOUT, com.alphastocks.streams.wire.WireSettings.EMBEDDED);
            RunCommand.say("strategy-runner reading market.ticks");
            if (feed) {
                stack.startMarketFeed();
                RunCommand.say("market-feed playing the sample day at 60x exchange time (./alphastocks logs market-feed)");
            }
            RunHandle.publish(home, RunCommand.SERVICES, stack::httpPort, apiKey(home));
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        RunCommand.say(String.format("up in %.1f s; dashboard http://127.0.0.1:%d/; write endpoints take the key in %s (header X-API-Key)",
                (System.nanoTime() - begun) / 1e9, stack.httpPort("analytics-service"), home.root().relativize(keyFile(home))));
        RunCommand.say("./alphastocks ps | logs [SERVICE] | positions | close POSITION_ID | kill-switch on|off | trading-state | down");
        return 0;
    }

    /** The stack's API key: ALPHASTOCKS_API_KEY when set, else one made once and kept (owner-only) in .run/containers/api-key. */
    private static String apiKey(Home home) throws java.io.IOException {
        String given = System.getenv("ALPHASTOCKS_API_KEY");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = keyFile(home);
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(file.getParent());
        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        RunHandle.writeOwnerOnly(file, key + "\n");
        return key;
    }

    private static Path keyFile(Home home) {
        return home.runDir().resolve("containers").resolve("api-key");
    }
}
